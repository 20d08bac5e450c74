import { TOPICS, type Fact } from '../facts/schema.ts';
import type { Analyzer, Token } from './analyzer.ts';
import { NO_EXAMPLES, type Examples } from './examples.ts';
import { conflictClass, type EntityClass } from './language.ts';
import { ANSWER_TYPES, answerKinds, type AnswerType } from './questionShape.ts';
import { FIELD_WEIGHT, NAME_REACH, NAME_WORD_SHARE } from './searchTuning.ts';
import { TypoFinder } from './typos.ts';


/** One fact, analysed once, with what scoring and the answer model read from it. */
export interface IndexedFact {
  fact: Fact;
  /** Index key → how strongly the fact uses it (its field's weight). */
  keys: Map<string, number>;
  /** Its own questions, keywords and aliases: their keys, to compare a question with the closest one, and the kinds of answer a question asks for. */
  phrasings: Phrasing[];
  /** Key → the positions in `phrasings` of those using it: only phrasings sharing a key with a question can match it. */
  phrasingsByKey: Map<string, number[]>;
  /** Kinds of answer it can give: how its own questions ask, and what its answer holds (a number, a date, a name). */
  answers: Set<AnswerType>;
  /** For each kind, the share of its own questions that ask for it ("where ..." in most of summit-host's). */
  kindShare: Map<AnswerType, number>;
  /** The names its answer and quote mention, by class ("@trump" is a person; countries count as places). */
  names: Map<EntityClass, Set<string>>;
  /** Numbers its answer or quote state. */
  numbers: Set<string>;
  /** Its answer or quote states a year. */
  statesYear: boolean;
  /** A dated fact asked about in the past tense: it tells what was, not what is. */
  past: boolean;
  /** Asked about in the future tense ("will", "are ... taking place"): it tells what was to come when the article was written. */
  future: boolean;
  /** Surface words and the keys they stand for, for typo correction (each pair once). */
  words: Array<readonly [string, string]>;
  /** Its own questions as normalised words, to recognise one asked exactly as written. */
  ownQuestions: Set<string>;
  /** Keys of its answer and quote: what it actually says, not only how it is asked for. */
  answerKeys: Set<string>;
  /** Keys its answer and quote name someone for: people's names, and words standing next to one ("Prime Minister" in "Prime Minister Nikol Pashinyan"). */
  namedKeys: Set<string>;
  /** Where each key occurs: clause number × CLAUSE_SPAN + position, over its questions, answer and quote. */
  positions: Map<string, number[]>;
}

export interface Phrasing {
  keys: string[];
  /** The kinds of answer it asks for, one bit each (see kindBit): a few bytes, since facts have dozens of phrasings. */
  kinds: number;
}

/** Positions of one clause fit below this; a clause number times it keeps clauses apart. */
export const CLAUSE_SPAN = 256;

const NO_KINDS: ReadonlySet<AnswerType> = new Set();

/** One bit per kind of answer, for a phrasing's kinds. */
export function kindBit(kind: AnswerType): number {
  return 1 << ANSWER_TYPES.indexOf(kind);
}

function kindBits(kinds: ReadonlySet<AnswerType>): number {
  let bits = 0;
  for (const kind of kinds) bits |= kindBit(kind);
  return bits;
}
const YEAR = /\b(?:1[89]|20)\d\d\b/;

/** A four-digit number from 1800 to 2099 reads as a year. */
export function isYear(number: string): boolean {
  return /^(?:1[89]|20)\d\d$/.test(number);
}
const PAST_QUESTION = /\b(?:did|was|were|had|happened)\b/i;
const FUTURE_QUESTION = /\b(?:will|going to)\b|\b(?:is|are)\b.*\b\w{3,}ing\b/i;

/** `examples`: other members' wordings of its question (see examples.ts), phrasings like its own but never "its own question, word for word". */
export function indexFact(fact: Fact, analyzer: Analyzer, examples: readonly string[] = []): IndexedFact {
  const keys = new Map<string, number>();
  /** Word → the key it stands for, once each (a name's own key wins over its plain stem). */
  const words = new Map<string, string>();
  const names = new Map<EntityClass, Set<string>>();
  const positions = new Map<string, number[]>();
  const kindCounts = new Map<AnswerType, number>();
  const phrasings: Phrasing[] = [];
  const answerClauses: Token[][] = [];
  const numbers = new Set<string>();
  let clauseNumber = 0;
  const use = (token: Token, weight: number) => {
    if ((keys.get(token.key) ?? 0) < weight) keys.set(token.key, weight);
    if (token.word !== null) words.set(token.word, token.key);
  };
  const own = [fact.question, ...fact.questions];
  const ownQuestions = new Set<string>();
  const texts: Array<[string, 'question' | 'example' | 'term' | 'answer' | 'quote' | 'topic']> = [
    ...own.map((t) => [t, 'question'] as [string, 'question']),
    ...examples.map((t) => [t, 'example'] as [string, 'example']),
    ...[...fact.keywords, ...fact.aliases].map((t) => [t, 'term'] as [string, 'term']),
    [fact.answer, 'answer'],
    [fact.source.quote, 'quote'],
    [TOPICS[fact.topic], 'topic'],
  ];
  for (const [text, field] of texts) {
    // Each text is normalised once; its tokens with names, and the words inside names, come from the same words.
    const analysed = field === 'example' ? analyzer.analyzeExample(text) : analyzer.analyze(text);
    const asked = field === 'question' || field === 'example';
    const weight = asked || field === 'term' ? FIELD_WEIGHT.phrasing : FIELD_WEIGHT[field];
    for (const token of analysed.nameWords) if (!keys.has(token.key)) use(token, weight * NAME_WORD_SHARE);
    for (const clause of analysed.clauses) for (const token of clause) use(token, weight);
    const kinds = asked ? answerKinds(analysed.words) : NO_KINDS;
    if (field === 'question') ownQuestions.add(analysed.words.join(' '));
    if (asked || field === 'term') phrasings.push({ keys: [...new Set(analysed.clauses.flat().map((t) => t.key))], kinds: kindBits(kinds) });
    for (const kind of kinds) kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);
    if (asked || field === 'answer' || field === 'quote') {
      for (const clause of analysed.clauses) {
        clause.slice(0, CLAUSE_SPAN).forEach((token, position) => {
          const list = positions.get(token.key) ?? [];
          list.push(clauseNumber * CLAUSE_SPAN + position);
          positions.set(token.key, list);
        });
        clauseNumber++;
      }
    }
    if (field === 'answer' || field === 'quote') {
      answerClauses.push(...analysed.clauses);
      for (const word of analysed.words) if (/^\d+$/.test(word)) numbers.add(word);
      for (const token of analysed.clauses.flat()) {
        if (token.entity === null) continue;
        const set = names.get(conflictClass(token.entity)) ?? new Set<string>();
        set.add(token.key);
        names.set(conflictClass(token.entity), set);
      }
    }
  }
  // A name word ("house" of "White House") keeps the weight it was given, unless a field uses it as a word of its own.
  const answers = new Set<AnswerType>(kindCounts.keys());
  const prose = `${fact.answer} ${fact.source.quote}`;
  if ([...numbers].some((n) => !isYear(n))) answers.add('how-many');
  if (fact.date) answers.add('when');
  if (names.has('place')) answers.add('where');
  if (names.has('person')) answers.add('who');
  const phrasingsByKey = new Map<string, number[]>();
  phrasings.forEach((phrasing, i) => {
    for (const key of phrasing.keys) {
      const list = phrasingsByKey.get(key);
      if (list) list.push(i);
      else phrasingsByKey.set(key, [i]);
    }
  });
  return {
    fact,
    keys,
    phrasings,
    phrasingsByKey,
    answers,
    kindShare: new Map([...kindCounts].map(([kind, n]) => [kind, n / (own.length + examples.length)])),
    names,
    numbers,
    statesYear: YEAR.test(prose) || YEAR.test(fact.date?.label ?? ''),
    past: fact.date !== undefined && PAST_QUESTION.test(fact.question),
    future: FUTURE_QUESTION.test(fact.question),
    words: [...words],
    positions,
    ownQuestions,
    answerKeys: new Set(answerClauses.flat().map((t) => t.key)),
    namedKeys: namedKeys(answerClauses),
  };
}


function namedKeys(clauses: readonly Token[][]): Set<string> {
  const named = new Set<string>();
  for (const clause of clauses) {
    clause.forEach((token, i) => {
      if (token.entity !== 'person') return;
      named.add(token.key);
      for (let j = Math.max(0, i - NAME_REACH); j <= Math.min(clause.length - 1, i + NAME_REACH); j++) named.add(clause[j]!.key);
    });
  }
  return named;
}

interface Posting {
  facts: number[];
  weights: number[];
}

/**
 * An inverted index over a list of facts: key → the facts using it, with
 * weights. Immutable once built. The curated facts have one, shared by every
 * server; a server's own edits have a small one of their own (see SearchView).
 */
export class FactIndex {
  readonly entries: IndexedFact[];
  readonly postings = new Map<string, Posting>();
  readonly typos: TypoFinder;
  private readonly positions = new Map<string, number>();

  constructor(entries: IndexedFact[]) {
    this.entries = entries;
    entries.forEach((entry, f) => {
      this.positions.set(entry.fact.id, f);
      for (const [key, weight] of entry.keys) {
        let posting = this.postings.get(key);
        if (!posting) {
          posting = { facts: [], weights: [] };
          this.postings.set(key, posting);
        }
        posting.facts.push(f);
        posting.weights.push(weight);
      }
    });
    this.typos = new TypoFinder(entries.flatMap((entry) => entry.words));
  }

  static build(facts: readonly Fact[], analyzer: Analyzer, examples: Examples = NO_EXAMPLES): FactIndex {
    return new FactIndex(facts.map((fact) => indexFact(fact, analyzer, examples.get(fact.id))));
  }

  position(id: string): number | undefined {
    return this.positions.get(id);
  }

  documentFrequency(key: string): number {
    return this.postings.get(key)?.facts.length ?? 0;
  }

  forEachPosting(key: string, visit: (slot: number, weight: number) => void): void {
    const posting = this.postings.get(key);
    if (!posting) return;
    for (let p = 0; p < posting.facts.length; p++) visit(posting.facts[p]!, posting.weights[p]!);
  }
}
