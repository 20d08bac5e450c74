import { stemmer } from 'stemmer';
import { editDistance } from './editDistance.ts';
import { MIN_CORE_TOKENS } from './searchTuning.ts';
import type { EntityClass, LanguageData } from './language.ts';
import { normaliseText, type NormalisedText } from './normalise.ts';
import { questionShape, WH_WORDS, type QuestionShape } from './questionShape.ts';

/**
 * Stage 2: normalised words to tokens. A name from data/domain.json ("Ilham
 * Aliyev", "Aliev", "Baku") becomes one token standing for its concept; other
 * words lose stop words and are stemmed. Facts and questions share this, so an
 * index key means the same on both sides.
 */

export interface Token {
  /** The index key: a word's stem, or "@concept" for a name of the story. */
  key: string;
  /** The word as normalised, for WordNet and typo lookups; null for a name of several words. */
  word: string | null;
  /** What a name names (person, country, ...); null for an ordinary word. */
  entity: EntityClass | null;
  /** Outside the clause that asks the question ("my grandma told me about this, ..."). */
  context: boolean;
  /** Where the token starts among its clause's words. */
  at: number;
}

export interface AnalyzedQuestion {
  tokens: Token[];
  shape: QuestionShape;
  /** Keys of the words describing whom or what a name is asked for ("which [organisations]"); names in it are left out. */
  nameAsked: string[];
  /** Numbers as written, for checking a premise ("200000 people fled?"). */
  numbers: string[];
  /** All its words, normalised, for recognising a fact's own question asked as written. */
  text: string;
}

/** Which general resources to use; switched off one at a time for the eval's ablation. */
export interface AnalyzerOptions {
  shorthand: boolean;
  domain: boolean;
  /** A real word of its own ("wheat", "hen") is never read as a mistyped question word. */
  isEnglishWord?: (word: string) => boolean;
}

interface NameEntry {
  key: string;
  entity: EntityClass;
}

/**
 * Question words say what kind of answer is wanted (see questionShape), not
 * which fact: they are read there and left out of the tokens.
 */
const QUESTION_WORDS = new Set([...WH_WORDS, 'many', 'much']);


const stems = new Map<string, string>();
/** Words are stemmed again and again (every fact, every question); the Porter stemmer is the cost, so stems are remembered. */
const MAX_REMEMBERED_STEMS = 50_000;

export function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = /^\p{N}+$/u.test(word) ? word : stemmer(word);
    if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
    stems.set(word, found);
  }
  return found;
}

export class Analyzer {
  private readonly names = new Map<string, NameEntry>();
  /** First word of a name → the word counts of the names it starts, longest first. */
  private readonly nameLengths = new Map<string, number[]>();
  private readonly expand: (word: string) => string;
  private readonly expandPunctuated: (text: string) => string;
  /** Irregular past tenses ("won", "met", "fled"): a question using one asks about the past. */
  private readonly pastForms: ReadonlySet<string>;

  constructor(
    readonly language: LanguageData,
    readonly options: AnalyzerOptions = { shorthand: true, domain: true },
  ) {
    this.pastForms = new Set(language.irregular.keys());
    const shorthand = language.shorthand;
    this.expand = options.shorthand ? (word) => shorthand.get(word) ?? word : (word) => word;
    // Shorthand with punctuation in it ("w/o", "b/c") is written out before punctuation is folded away.
    const punctuated = [...shorthand.keys()].filter((key) => /[^\p{L}\p{N}]/u.test(key));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${punctuated.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    // Most texts have none of those marks: the pattern is tried only on those that do.
    const marks = [...new Set(punctuated.join('').replace(/[\p{L}\p{N}]/gu, ''))];
    this.expandPunctuated =
      options.shorthand && punctuated.length > 0
        ? (text) => (marks.some((mark) => text.includes(mark)) ? text.replace(pattern, (match) => ` ${shorthand.get(match.toLowerCase()) ?? match} `) : text)
        : (text) => text;
    if (options.domain) {
      for (const concept of language.domain.concepts) {
        for (const term of concept.terms) {
          // The same way as a question, shorthand included ("u s" reads as a question's "you s" does).
          const words = normaliseText(term, this.expand, this.expandPunctuated).clauses.flat();
          if (words.length === 0) continue;
          this.names.set(words.join(' '), { key: `@${concept.concept}`, entity: concept.class });
          const lengths = this.nameLengths.get(words[0]!) ?? [];
          if (!lengths.includes(words.length)) lengths.push(words.length);
          this.nameLengths.set(words[0]!, lengths.sort((a, b) => b - a));
        }
      }
    }
  }

  /** "wich" → "which", "wher" → "where": a question word one typo away, unless it is a word of its own. */
  private questionWord(word: string): string {
    if (word.length < 3 || word.length > 6 || (word[0] !== 'w' && word[0] !== 'h') || QUESTION_WORDS.has(word) || this.isStopWord(word)) return word;
    if (this.options.isEnglishWord?.(word)) return word;
    for (const candidate of QUESTION_WORDS) if (candidate.length >= 4 && editDistance(word, candidate, 1) <= 1) return candidate;
    return word;
  }

  isStopWord(word: string): boolean {
    return this.language.stopWords.has(word);
  }

  normalise(text: string): NormalisedText {
    return normaliseText(text, this.expand, this.expandPunctuated);
  }

  /** Tokens of a fact's text: every clause counts alike. Without names, "White House" is two words. */
  tokens(text: string, names = true): Token[] {
    return this.clauses(text, names).flat();
  }

  /** Tokens clause by clause, for telling which words stand near each other. */
  clauses(text: string, names = true): Token[][] {
    return this.normalise(text).clauses.map((clause) => this.clauseTokens(clause, false, names));
  }

  /** A fact's text analysed once: its words, its tokens by clause, and the words inside its names as tokens of their own. */
  analyze(text: string): { words: string[]; clauses: Token[][]; nameWords: Token[] } {
    const normalised = this.normalise(text);
    const nameWords: Token[] = [];
    const clauses = normalised.clauses.map((clause) => this.clauseTokens(clause, false, true, nameWords));
    return { words: normalised.clauses.flat(), clauses, nameWords };
  }

  /**
   * An example question analysed like a fact's text, but only its asking clauses: the context
   * around it ("ordering pizza, quick q: who ...") says nothing about the fact.
   */
  analyzeExample(text: string): { words: string[]; clauses: Token[][]; nameWords: Token[] } {
    const normalised = this.normalise(text);
    const first = this.firstAskingClause(normalised.clauses.map((clause) => this.clauseTokens(clause, false)), normalised.core);
    const asking = normalised.clauses.slice(first, normalised.core + 1);
    const nameWords: Token[] = [];
    const clauses = asking.map((clause) => this.clauseTokens(clause, false, true, nameWords));
    return { words: asking.flat(), clauses, nameWords };
  }

  /** The asking clause, and those before it while it has fewer than MIN_CORE_TOKENS words to search for ("why?" alone says little). */
  private firstAskingClause(perClause: readonly Token[][], core: number): number {
    let first = core;
    while (first > 0 && perClause.slice(first, core + 1).flat().length < MIN_CORE_TOKENS) first--;
    return first;
  }

  question(text: string): AnalyzedQuestion {
    const raw = this.normalise(text);
    const normalised = { ...raw, clauses: raw.clauses.map((clause) => clause.map((w) => this.questionWord(w))) };
    const perClause = normalised.clauses.map((clause) => this.clauseTokens(clause, true));
    const first = this.firstAskingClause(perClause, normalised.core);
    const tokens = perClause.flatMap((list, c) => list.map((t) => ({ ...t, context: c < first || c > normalised.core })));
    const asking = normalised.clauses.slice(first, normalised.core + 1).flat();
    const numbers = normalised.clauses.flat().filter((w) => /^\d+$/.test(w));
    const shape = questionShape(asking, this.pastForms, this.nameWordPositions(asking));
    const nameAsked: string[] = [];
    if (shape.nameOf) {
      const [from, to] = shape.nameOf;
      let offset = 0;
      for (let c = first; c <= normalised.core; c++) {
        for (const token of perClause[c]!) {
          // "the name of [Cambodia's deputy prime minister]": the role is asked for, not the country.
          const describes = token.entity === null || token.entity === 'role';
          if (describes && offset + token.at >= from && offset + token.at < to) nameAsked.push(token.key);
        }
        offset += normalised.clauses[c]!.length;
      }
    }
    return { tokens, shape, nameAsked, numbers, text: raw.clauses.flat().join(' ') };
  }

  /**
   * Names first (longest match), then the remaining words that are not stop words. `nameWords`,
   * when given, also receives the words inside multi-word names ("general", "assembly") as plain tokens.
   */
  private clauseTokens(words: readonly string[], context: boolean, names = true, nameWords?: Token[]): Token[] {
    const out: Token[] = [];
    let i = 0;
    while (i < words.length) {
      const name = names ? this.nameAt(words, i) : undefined;
      if (name) {
        out.push({ key: name.entry.key, word: name.length === 1 ? words[i]! : null, entity: name.entry.entity, context, at: i });
        if (nameWords && name.length > 1) {
          for (let j = i; j < i + name.length; j++) {
            const word = words[j]!;
            if (this.isContentWord(word)) nameWords.push({ key: stem(word), word, entity: null, context, at: j });
          }
        }
        i += name.length;
        continue;
      }
      const word = words[i]!;
      i++;
      if (this.isContentWord(word)) out.push({ key: stem(word), word, entity: null, context, at: i - 1 });
    }
    return out;
  }

  /** Positions of the words that belong to a known name of several words. */
  private nameWordPositions(words: readonly string[]): Set<number> {
    const inside = new Set<number>();
    for (let i = 0; i < words.length; i++) {
      const name = this.nameAt(words, i);
      if (!name || name.length < 2) continue;
      for (let j = i; j < i + name.length; j++) inside.add(j);
      i += name.length - 1;
    }
    return inside;
  }

  private isContentWord(word: string): boolean {
    return !this.isStopWord(word) && !QUESTION_WORDS.has(word) && (word.length >= 2 || /\d/.test(word));
  }

  private nameAt(words: readonly string[], start: number): { entry: NameEntry; length: number } | undefined {
    for (const length of this.nameLengths.get(words[start]!) ?? []) {
      if (start + length > words.length) continue;
      const entry = this.names.get(length === 1 ? words[start]! : words.slice(start, start + length).join(' '));
      if (entry) return { entry, length };
    }
    return undefined;
  }
}
