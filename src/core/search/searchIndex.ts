import type { Fact } from '../facts/schema.ts';
import { TOPICS } from '../facts/schema.ts';
import { defaultThesaurus, type Thesaurus } from './synonyms.ts';
import { isStopWord, stem, words } from './text.ts';
import { factCues, questionCues, type FactCues, type QuestionCues } from './timeCues.ts';
import { analyze, wordToken, type Token, type TokenKind } from './tokens.ts';
import { Vocabulary } from './vocabulary.ts';

/**
 * How much a word counts depending on where the fact uses it. The fact's own
 * phrasings, keywords and aliases say what it answers; a word that only turns
 * up in the answer or the quote is incidental and explains a question less.
 */
const FIELD_WEIGHTS = {
  question: 1,
  keyword: 1,
  answer: 0.55,
  quote: 0.4,
  topic: 0.5,
} as const;

/**
 * A content word the fact base has never seen weighs this much more than its
 * rarest word: "population", "born" or "won" usually mean the question asks for
 * something the article does not cover.
 */
const UNKNOWN_WORD_FACTOR = 1.25;
/** A soft word ("happened", "people") the fact base does not use weighs this little. */
const SOFT_UNKNOWN_WEIGHT = 0.25;
/** Beyond this many content words, unknown words weigh proportionally less. */
const LONG_QUESTION_TERMS = 5;
/** Soft and question words help ranking but never dominate a question. */
const SOFT_WEIGHT_CAP = 0.8;
const INTENT_WEIGHT_CAP = 1.5;
/** Weight of the best single phrasing's coverage next to the bag-of-words coverage. */
const PHRASING_SHARE = 0.25;
/** Thesaurus-only words shorter than this are not typo-correction targets. */
const MIN_THESAURUS_TYPO_LENGTH = 8;
/** Credit at or below which a phrase's key is one of its separate words, not the phrase. */
const PHRASE_PART_LIMIT = 0.5;
/** A word indexed only as part of a thesaurus phrase ("house" in "white house") counts this much. */
const PHRASE_WORD_SHARE = 0.5;
/** Keys with at least this share of a word's best credit carry its full meaning. */
const FULL_MEANING_SHARE = 0.85;
/**
 * A question must carry this much known information (as a share of the rarest
 * word's weight) to be answered with full confidence: "meeting" or "trump" alone
 * could mean any of a dozen facts.
 */
const MIN_EVIDENCE_FACTOR = 0.7;
/** A question with no content word the fact base knows ("what happened?") is only this sure. */
const NO_CONTENT_FACTOR = 0.5;
/**
 * A question about now or what is coming ("where are the talks happening",
 * "who controls karabakh") fits a fact about the past this much less: a past
 * event ("where did the leaders last meet"), and still less a past state that
 * has since changed ("had been under Armenian control").
 */
const PAST_EVENT_FACTOR = 0.7;
const PAST_STATE_FACTOR = 0.55;
/** A "where" question fits a fact that names no place, and a "when" one a fact that answers only "where", this much less. */
const WHERE_WHEN_MISMATCH_FACTOR = 0.7;
/**
 * "what's kamala harris doing now": a question whose only known word is one
 * name, asking what that person or place is up to. The fact base knows the
 * name, not the answer, so the question is at most this sure.
 */
const NAME_ACTIVITY_FACTOR = 0.55;

export interface ScoredFact {
  fact: Fact;
  /** 0..1: how much of the question this fact accounts for. */
  score: number;
}

export interface SearchOptions {
  /** The last word may be half typed (autocomplete): also match words it starts. */
  partialLastWord?: boolean;
}

interface PhrasingToken {
  keys: string[];
  weight: number;
}

/** One of the fact's own questions or keywords, ready to compare with a question. */
interface Phrasing {
  tokens: PhrasingToken[];
  keys: Set<string>;
  total: number;
}

interface IndexedFact {
  fact: Fact;
  phrasings: Phrasing[];
  cues: FactCues;
}

interface QueryTerm {
  keys: Map<string, number>;
  weight: number;
  known: boolean;
  kind: TokenKind;
}

interface Posting {
  facts: number[];
  weights: number[];
}

/**
 * The retrieval engine.
 *
 * 1. The question is split into terms: words and thesaurus phrases, each
 *    standing for index keys (its stem, its "~concept"s). A word the fact base
 *    does not know is looked up as a typo (fuse.js + edit distance) or a derived
 *    form, and failing that counts as unknown.
 * 2. Each term weighs its idf; an unknown content word weighs more than the
 *    rarest known one (it is usually what an off-topic question asks about),
 *    an unknown soft word ("happened") almost nothing.
 * 3. A fact's coverage is the weighted share of the question it explains, a
 *    word counting fully when the fact's questions, keywords or aliases use it
 *    and only partly when it turns up in the answer or quote alone.
 * 4. The score is coverage, nudged by how closely the question matches one of
 *    the fact's own phrasings, and damped when the question carries too little
 *    information to tell facts apart ("meeting").
 *
 * An inverted index keeps a query's work proportional to the facts sharing its
 * words. Deterministic: equal scores keep the fact base's order.
 */
export class SearchIndex {
  private readonly indexed: IndexedFact[];
  private readonly postings = new Map<string, Posting>();
  private readonly idf = new Map<string, number>();
  private readonly thesaurus: Thesaurus;
  private readonly vocabulary: Vocabulary;
  private readonly unknownWeight: number;
  private readonly minEvidence: number;
  /** Stems of proper names (people, places, days): always capitalised in the facts' own text. */
  private readonly names: Set<string>;

  constructor(facts: readonly Fact[], options: { thesaurus?: Thesaurus } = {}) {
    this.thesaurus = options.thesaurus ?? defaultThesaurus();
    const vocabularyEntries = new Map<string, ReadonlyMap<string, number>>();
    const perFact: Array<Map<string, number>> = [];
    const phrasingTokens: Token[][][] = [];
    for (const fact of facts) {
      const weights = new Map<string, number>();
      const add = (text: string, fieldWeight: number): Token[] => {
        const tokens = analyze(text, this.thesaurus, true);
        for (const token of tokens) {
          if (token.word !== null && !vocabularyEntries.has(token.word)) {
            vocabularyEntries.set(token.word, wordToken(token.word, this.thesaurus).keys);
          }
          const weight = token.inPhrase ? fieldWeight * PHRASE_WORD_SHARE : fieldWeight;
          for (const key of token.keys.keys()) weights.set(key, Math.max(weights.get(key) ?? 0, weight));
        }
        // A phrase's separate words are indexed for lookup, but the phrase alone is the phrasing's unit.
        return tokens.filter((t) => !t.inPhrase);
      };
      const own = [fact.question, ...fact.questions].map((q) => add(q, FIELD_WEIGHTS.question));
      own.push(...fact.keywords.map((k) => add(k, FIELD_WEIGHTS.keyword)));
      fact.aliases.forEach((k) => add(k, FIELD_WEIGHTS.keyword));
      add(fact.answer, FIELD_WEIGHTS.answer);
      add(fact.source.quote, FIELD_WEIGHTS.quote);
      add(TOPICS[fact.topic], FIELD_WEIGHTS.topic);
      perFact.push(weights);
      phrasingTokens.push(own);
    }
    perFact.forEach((weights, f) => {
      for (const [key, weight] of weights) {
        let posting = this.postings.get(key);
        if (!posting) {
          posting = { facts: [], weights: [] };
          this.postings.set(key, posting);
        }
        posting.facts.push(f);
        posting.weights.push(weight);
      }
    });
    const total = Math.max(facts.length, 1);
    for (const [key, posting] of this.postings) this.idf.set(key, Math.log(1 + total / posting.facts.length));
    this.unknownWeight = Math.log(1 + total) * UNKNOWN_WORD_FACTOR;
    this.minEvidence = Math.log(1 + total) * MIN_EVIDENCE_FACTOR;
    this.names = properNameStems(facts);
    this.indexed = facts.map((fact, f) => ({
      fact,
      cues: factCues(fact),
      phrasings: phrasingTokens[f]!.map((tokens) => {
        const weighted = tokens.map((t) => ({ keys: [...t.keys.keys()], weight: this.capWeight(this.termWeight(t.keys), t.kind) }));
        return {
          tokens: weighted,
          keys: new Set(weighted.flatMap((t) => t.keys)),
          total: weighted.reduce((sum, t) => sum + t.weight, 0),
        };
      }),
    }));
    // Thesaurus words the fact base never uses still lead to its concepts ("clout" → leverage);
    // short ones are left out of typo correction, where they would catch real words ("flight").
    for (const word of this.thesaurus.singleWords) {
      if (vocabularyEntries.has(word) || word.length < MIN_THESAURUS_TYPO_LENGTH) continue;
      const token = wordToken(word, this.thesaurus);
      if (token.kind === 'content' && [...token.keys.keys()].some((k) => this.idf.has(k))) vocabularyEntries.set(word, token.keys);
    }
    this.vocabulary = new Vocabulary(vocabularyEntries, (word) => {
      let df = 0;
      for (const key of vocabularyEntries.get(word)!.keys()) df = Math.max(df, this.postings.get(key)?.facts.length ?? 0);
      return df;
    });
  }

  get size(): number {
    return this.indexed.length;
  }

  /** Facts ranked for a question, best first; facts sharing nothing with it are left out. */
  search(question: string, limit = 5, options: SearchOptions = {}): ScoredFact[] {
    if (limit <= 0) return [];
    const queryTerms = this.queryTerms(question, options.partialLastWord ?? false);
    // In a long question each unknown word is less likely to be what is asked.
    const contentTerms = queryTerms.filter((t) => t.kind === 'content').length;
    if (contentTerms > LONG_QUESTION_TERMS) {
      const share = LONG_QUESTION_TERMS / contentTerms;
      for (const t of queryTerms) if (!t.known && t.kind === 'content') t.weight *= share;
    }
    const totalWeight = queryTerms.reduce((sum, t) => sum + t.weight, 0);
    if (totalWeight === 0) return [];
    const hasContent = queryTerms.some((t) => t.known && t.kind === 'content');
    const evidence = queryTerms.reduce((sum, t) => sum + (t.known && t.kind !== 'soft' ? t.weight : 0), 0);
    const cues = questionCues(question);
    let confidence = hasContent ? Math.min(1, evidence / this.minEvidence) : NO_CONTENT_FACTOR;
    if (cues.activity && this.isSingleName(queryTerms)) confidence *= NAME_ACTIVITY_FACTOR;

    const covered = new Map<number, number>();
    const termBest = new Map<number, number>();
    for (const term of queryTerms) {
      termBest.clear();
      for (const [key, credit] of term.keys) {
        const posting = this.postings.get(key);
        if (!posting) continue;
        for (let p = 0; p < posting.facts.length; p++) {
          const f = posting.facts[p]!;
          const value = credit * posting.weights[p]!;
          if (value > (termBest.get(f) ?? 0)) termBest.set(f, value);
        }
      }
      for (const [f, value] of termBest) covered.set(f, (covered.get(f) ?? 0) + value * term.weight);
    }

    const candidates = [...covered].map(([f, value]) => ({ f, coverage: value / totalWeight }));
    candidates.sort((a, b) => b.coverage - a.coverage || a.f - b.f);

    const queryKeys = new Map<string, number>();
    for (const t of queryTerms) for (const [key, credit] of t.keys) queryKeys.set(key, Math.max(queryKeys.get(key) ?? 0, credit));
    // Phrasing can only lower a fact's coverage, so facts are scored best coverage first
    // and the loop stops once no remaining fact can enter the top `limit`.
    const results: Array<{ f: number; score: number }> = [];
    for (const { f, coverage } of candidates) {
      if (results.length >= limit && coverage * confidence < results[limit - 1]!.score) break;
      const phrasing = this.bestPhrasing(this.indexed[f]!, queryTerms, queryKeys, totalWeight);
      const score = coverage * (1 - PHRASING_SHARE + PHRASING_SHARE * phrasing) * confidence * timeFit(cues, this.indexed[f]!.cues);
      results.push({ f, score });
      results.sort((a, b) => b.score - a.score || a.f - b.f);
      if (results.length > limit) results.pop();
    }
    return results.map(({ f, score }) => ({ fact: this.indexed[f]!.fact, score }));
  }

  /** The question's only known content word is one name ("kamala harris", "netanyahu"). */
  private isSingleName(queryTerms: readonly QueryTerm[]): boolean {
    const content = queryTerms.filter((t) => t.known && t.kind === 'content');
    if (content.length !== 1) return false;
    const plain = [...content[0]!.keys.keys()].filter((key) => !key.startsWith('~') && !key.includes('_'));
    return plain.length > 0 && plain.every((key) => this.names.has(key));
  }

  /**
   * How informative a word is: the idf of its meaning, that is of the broadest
   * key it fully stands for ("fled" weighs like the flee concept, a variant
   * spelling like the name it spells), else of its best partial match.
   */
  private termWeight(keys: ReadonlyMap<string, number>): number {
    let bestCredit = 0;
    for (const [key, credit] of keys) if (this.idf.has(key)) bestCredit = Math.max(bestCredit, credit);
    let weight = Infinity;
    for (const [key, credit] of keys) {
      const idf = this.idf.get(key);
      if (idf !== undefined && credit >= bestCredit * FULL_MEANING_SHARE) weight = Math.min(weight, idf);
    }
    return weight === Infinity ? 0 : weight;
  }

  private capWeight(weight: number, kind: TokenKind): number {
    if (kind === 'soft') return Math.min(weight, SOFT_WEIGHT_CAP);
    if (kind === 'intent') return Math.min(weight, INTENT_WEIGHT_CAP);
    return weight;
  }

  /** "whitehouse" → "white house", "abudhabi" → "abu dhabi": a run-together pair of known words. */
  private splitCompounds(question: string): string {
    const list = words(question);
    let changed = false;
    const out = list.map((word) => {
      if (word.length < 7 || this.vocabulary.has(word) || this.thesaurus.singleWords.has(word) || isStopWord(word)) return word;
      if (this.idf.has(stem(word))) return word;
      for (let i = 3; i <= word.length - 3; i++) {
        const left = word.slice(0, i);
        const right = word.slice(i);
        if (this.isKnownWord(left) && this.isKnownWord(right)) {
          changed = true;
          return `${left} ${right}`;
        }
      }
      return word;
    });
    return changed ? out.join(' ') : question;
  }

  private isKnownWord(word: string): boolean {
    return !isStopWord(word) && (this.vocabulary.has(word) || this.idf.has(stem(word)));
  }

  private queryTerms(question: string, partialLastWord: boolean): QueryTerm[] {
    const tokens = analyze(this.splitCompounds(question), this.thesaurus);
    const seen = new Set<string>();
    const result: QueryTerm[] = [];
    tokens.forEach((token, index) => {
      if (seen.has(token.text)) return;
      seen.add(token.text);
      const keys = new Map<string, number>();
      for (const [key, credit] of token.keys) if (this.idf.has(key)) keys.set(key, credit);
      const word = token.word;
      if (keys.size === 0 && word !== null && !this.thesaurus.singleWords.has(word)) {
        for (const m of this.vocabulary.fuzzy(word)) keys.set(m.key, m.credit);
      }
      if (partialLastWord && index === tokens.length - 1 && word !== null) {
        for (const m of this.vocabulary.completions(word)) {
          if (m.credit > (keys.get(m.key) ?? 0)) keys.set(m.key, m.credit);
        }
      }
      // A phrase the fact base knows only by its separate words ("how big") is not known.
      const known = keys.size > 0 && (word !== null || [...keys.values()].some((c) => c > PHRASE_PART_LIMIT));
      let weight: number;
      if (known) weight = this.capWeight(this.termWeight(keys), token.kind);
      else weight = token.kind === 'content' ? this.unknownWeight : SOFT_UNKNOWN_WEIGHT;
      result.push({ keys, weight, known, kind: token.kind });
    });
    return result;
  }

  /**
   * How closely the question matches one of the fact's own phrasings (its
   * questions and keywords): the harmonic mean of the share of the phrasing the
   * question mentions and the share of the question the phrasing explains.
   */
  private bestPhrasing(
    entry: IndexedFact,
    queryTerms: readonly QueryTerm[],
    queryKeys: ReadonlyMap<string, number>,
    totalWeight: number,
  ): number {
    let best = 0;
    for (const phrasing of entry.phrasings) {
      if (phrasing.total === 0) continue;
      let hit = 0;
      for (const token of phrasing.tokens) {
        let credit = 0;
        for (const key of token.keys) credit = Math.max(credit, queryKeys.get(key) ?? 0);
        hit += token.weight * credit;
      }
      if (hit === 0) continue;
      let explained = 0;
      for (const term of queryTerms) {
        let credit = 0;
        for (const [key, c] of term.keys) if (phrasing.keys.has(key)) credit = Math.max(credit, c);
        explained += credit * term.weight;
      }
      const precision = hit / phrasing.total;
      const recall = explained / totalWeight;
      if (recall > 0) best = Math.max(best, (2 * precision * recall) / (precision + recall));
    }
    return best;
  }
}

/** How well a fact's time and kind of answer fit what the question asks: 1, or less on a mismatch. */
function timeFit(question: QuestionCues, fact: FactCues): number {
  let fit = 1;
  if (question.present && fact.past === 'event') fit *= PAST_EVENT_FACTOR;
  if (question.present && fact.past === 'state') fit *= PAST_STATE_FACTOR;
  // The fact base says "where" only of the few facts that name a place; a "where" question fits no other.
  if (question.where && !fact.answersWhere) fit *= WHERE_WHEN_MISMATCH_FACTOR;
  if (question.when && fact.answersWhere && !fact.answersWhen) fit *= WHERE_WHEN_MISMATCH_FACTOR;
  return fit;
}

/**
 * Stems of words the facts' own prose (canonical questions, answers, quotes,
 * aliases) always capitalises and capitalises at least once inside a sentence:
 * names of people, places and days ("Harris", "Netanyahu", "Armenia",
 * "Friday"). The other phrasings are chat-style lower case and say nothing.
 */
function properNameStems(facts: readonly Fact[]): Set<string> {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const fact of facts) {
    for (const text of [fact.question, fact.answer, fact.source.quote, ...fact.aliases]) {
      for (const match of text.matchAll(/\p{L}[\p{L}\p{M}]+/gu)) {
        const raw = match[0];
        const before = text.slice(0, match.index).trimEnd();
        const sentenceStart = before === '' || /[.?!:"“]$/.test(before);
        for (const word of words(raw)) {
          const key = stem(word);
          if (raw[0] !== raw[0]!.toUpperCase()) lower.add(key);
          else if (!sentenceStart) capitalised.add(key);
        }
      }
    }
  }
  for (const key of lower) capitalised.delete(key);
  return capitalised;
}
