import type { LexicalRelation } from './language.ts';

/**
 * Every number that tunes the search, with where it comes from. Fitted by
 * cross-validation (`npm run fit`, stored in data/answer-model.json): the
 * answer model's weights, its two thresholds, the WordNet sense count and the
 * regularisation. Set by hand, below: how features are measured (credits,
 * field weights, distances). They were set once from what they mean, not
 * searched over; the answer model then learns how much each feature counts.
 */

/**
 * WordNet senses whose links enter data/lexicon.json. WordNet lists a word's
 * senses by how often they were tagged in its corpus; a link joins a sense of
 * a vocabulary word and a sense of another word, and keeps the rarer of the
 * two ranks ("old" is "former" only in its fifth sense), so `npm run fit` can
 * choose by cross-validation how rare a sense may be (`lexiconSenses`).
 */
export const MAX_LEXICON_SENSE = 12;

/** A synset with more narrower terms than this is too general to stand for each ("person", "country"). */
export const MAX_NARROWER = 40;

/**
 * How much a match through WordNet counts next to the same word (1): a
 * synonym nearly as much, a word one step broader or narrower clearly less.
 * They enter the coverage features; the answer model also sees how much of a
 * match came this way (indirectShare) and weighs that itself.
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

/** A share of a name's weight given to each of its words, so "assembly" alone still finds "UN General Assembly". */
export const NAME_WORD_SHARE = 0.5;

/** A word this close to a person's name in one clause is named by it ("President Ilham Aliyev", "Aliyev, the president"). */
export const NAME_REACH = 3;

/** Words this far apart or closer, in one clause, stand together ("capital of the US": 1 apart). */
export const NEAR = 3;

/** Beyond this many known words, a question is as specific as it gets (the askingTerms feature). */
export const MAX_ASKING_TERMS = 4;

/** A core clause with fewer content words than this ("is that true?") asks about the clause before it. */
export const MIN_CORE_TOKENS = 2;

/** The share of the question a fact must explain to be the one that leaves a name out (decide.ts). */
export const NAME_MISSING_COVERAGE = 0.5;

/** How many other facts a "did you mean" or a miss offers. */
export const ALTERNATIVES = 3;
