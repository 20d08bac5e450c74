import { stem, type AnalyzedQuestion } from './analyzer.ts';
import type { EntityClass } from './language.ts';
import type { EnglishWords, Lexicon } from './lexicon.ts';
import { RELATION_CREDIT } from './searchTuning.ts';
import type { SearchView } from './searchView.ts';

/**
 * Stage 3: each question token to the index keys it may stand for, with how
 * sure each is: the word itself or a base form (1), a WordNet neighbour
 * (less), a typo correction (by edit distance), a completion (autocomplete).
 */

export type MatchVia = 'exact' | 'lexicon' | 'typo';

export interface KeyCredit {
  credit: number;
  via: MatchVia;
}

export interface QueryTerm {
  keys: Map<string, KeyCredit>;
  /** How much the term tells facts apart: the idf of its best key, or the unknown-word weight. */
  weight: number;
  /** Some fact uses one of its keys. */
  known: boolean;
  /** Unknown, but a common English word ("weather", "born"), not a name or a rare word ("Macron"). */
  common: boolean;
  context: boolean;
  entity: EntityClass | null;
  /** The word as typed (normalised), or null for a name of several words. */
  word: string | null;
}

export interface ExpandOptions {
  lexicon: Lexicon | null;
  /** The common words of English: never corrected as typos, and told apart from rarer unknown words. */
  english: EnglishWords;
  typos: boolean;
  /** The last word may be half typed (autocomplete): also match the words it starts. */
  partialLastWord: boolean;
  irregular: ReadonlyMap<string, string>;
}

function offer(keys: Map<string, KeyCredit>, key: string, credit: number, via: MatchVia): void {
  const current = keys.get(key);
  if (!current || credit > current.credit) keys.set(key, { credit, via });
}

export function expandQuestion(question: AnalyzedQuestion, view: SearchView, options: ExpandOptions): QueryTerm[] {
  // A word both in the context and in the asking clause counts once, as asked.
  const asked = new Set(question.tokens.filter((t) => !t.context).map((t) => t.key));
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  question.tokens.forEach((token, index) => {
    if (seen.has(token.key) || (token.context && asked.has(token.key))) return;
    seen.add(token.key);
    const keys = new Map<string, KeyCredit>();
    if (view.has(token.key)) offer(keys, token.key, 1, 'exact');
    const word = token.word;
    if (word !== null && token.entity === null) {
      // The stemmer joins regular forms; irregular ones ("fled", "met") need the table.
      const base = options.irregular.get(word);
      if (base !== undefined && view.has(stem(base))) offer(keys, stem(base), 1, 'exact');
      for (const neighbour of options.lexicon?.lookup(word) ?? []) {
        const credit = RELATION_CREDIT[neighbour.relation];
        if (credit > 0 && view.has(neighbour.key)) offer(keys, neighbour.key, credit, 'lexicon');
      }
      if (keys.size === 0 && options.typos && !view.knowsWord(word) && !options.english.has(word)) {
        for (const match of view.typos(word)) offer(keys, match.key, match.credit, 'typo');
      }
      if (options.partialLastWord && index === question.tokens.length - 1) {
        for (const match of view.completions(word)) offer(keys, match.key, match.credit, 'typo');
      }
    }
    const known = keys.size > 0;
    const common = !known && word !== null && token.entity === null && options.english.has(word);
    terms.push({ keys, weight: known ? termWeight(keys, view) : view.unknownWeight, known, common, context: token.context, entity: token.entity, word });
  });
  return terms;
}

/** The idf of the key the term most surely means (the broadest, when several are equally sure). */
function termWeight(keys: ReadonlyMap<string, KeyCredit>, view: SearchView): number {
  let bestCredit = 0;
  for (const { credit } of keys.values()) bestCredit = Math.max(bestCredit, credit);
  let weight = Infinity;
  for (const [key, { credit }] of keys) if (credit === bestCredit) weight = Math.min(weight, view.idf(key) ?? Infinity);
  return weight === Infinity ? view.unknownWeight : weight;
}
