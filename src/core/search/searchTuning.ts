import type { LexicalRelation } from './language.ts';

/**
 * Every number that tunes retrieval, with where it comes from. The decision
 * to answer is not here: it is a fitted model (data/answer-model.json, made
 * by `npm run fit`), which weighs the features these numbers produce.
 */

/**
 * WordNet senses whose links enter data/lexicon.json. WordNet lists a word's
 * senses by how often they were tagged in its corpus; a link joins a sense of
 * a vocabulary word and a sense of another word, and keeps the rarer of the
 * two ranks ("old" is "former" only in its fifth sense), so `npm run fit` can
 * choose by cross-validation how rare a sense may be (`lexiconSenses`).
 */
export const MAX_LEXICON_SENSE = 8;

/** A synset with more narrower terms than this is too general to stand for each ("person", "country"). */
export const MAX_NARROWER = 40;

/**
 * How much a match through WordNet counts next to the same word (1): a
 * synonym nearly as much, a word one step broader or narrower clearly less.
 * Ranking only; the answer model sees how much of a match came this way.
 */
export const RELATION_CREDIT: Readonly<Record<LexicalRelation, number>> = {
  synonym: 0.9,
  derived: 0.85,
  pertains: 0.85,
  similar: 0.7,
  narrower: 0.7,
  broader: 0.6,
};

/**
 * How much a word counts depending on where a fact uses it: its own phrasings
 * (questions, keywords, aliases) say what it answers; a word only in the
 * answer or the quote is incidental.
 */
export const FIELD_WEIGHT = { phrasing: 1, answer: 0.7, quote: 0.5, topic: 0.5 } as const;

/** Typo correction (fuse.js then edit distance) applies to words at least this long. */
export const MIN_FUZZY_LENGTH = 4;

/** Edits allowed for a typo, by word length: "mny" is left to the shorthand list. */
export function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  if (length < 8) return 1;
  if (length < 12) return 2;
  return 3;
}

/** A typo match never counts more than this: the member may have meant another word. */
export const MAX_TYPO_CREDIT = 0.9;

/** Credit for a half-typed last word completed by autocomplete. */
export const COMPLETION_CREDIT = 0.9;

/** Facts taken from the first-pass ranking to the answer model. */
export const CANDIDATES = 8;

/**
 * Words outside the clause that asks ("my grandma told me about this, how
 * many ...") count this much in the first-pass ranking: they often name the
 * topic, but the asking clause says which fact is wanted.
 */
export const CONTEXT_SHARE = 0.5;
