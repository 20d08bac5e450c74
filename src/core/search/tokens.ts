import type { Thesaurus } from './synonyms.ts';
import { isIntentWord, isSoftWord, isStopWord, stem, words } from './text.ts';

/**
 * How a token counts when the fact base does not know it: a content word
 * ("population", "born") usually means the question is about something the
 * article does not cover; a soft word ("happened", "people") means little.
 */
export type TokenKind = 'content' | 'soft' | 'intent';

/** One unit of meaning: a word, or a thesaurus phrase ("sit down", "fall apart"). */
export interface Token {
  /** The word or phrase as normalised. */
  text: string;
  /** The single word, for typo correction and autocomplete; null for a phrase. */
  word: string | null;
  /** Index keys it stands for (its stem, "~concept"s) with the credit each gives. */
  keys: Map<string, number>;
  kind: TokenKind;
  /** Indexed as a word inside a thesaurus phrase ("lived" in "short-lived"): counts less. */
  inPhrase?: boolean;
}

/** Credit a question phrase's own words get, next to the phrase's concept. */
const PHRASE_PART_CREDIT = 0.35;

function setMax(map: Map<string, number>, key: string, value: number): void {
  if (value > (map.get(key) ?? 0)) map.set(key, value);
}

/** Adverbs ("legally", "reportedly") modify what is asked rather than being it. */
const ADVERB = /^[a-z]{3,}(?:ally|fully|ously|ively|ently|antly|edly|ingly|ately|ably|ibly)$/;

/** The token for one word that is not a stop word. */
export function wordToken(word: string, thesaurus: Thesaurus): Token {
  const keys = new Map<string, number>([[stem(word), 1]]);
  const match = thesaurus.matchAt([word], [stem(word)], 0);
  for (const c of match?.concepts ?? []) setMax(keys, c.key, c.strength);
  const kind = isIntentWord(word) ? 'intent' : isSoftWord(word) || ADVERB.test(word) ? 'soft' : 'content';
  return { text: word, word, keys, kind };
}

/**
 * Split text into tokens. For a question, a thesaurus phrase is one token
 * (its own words count a little too); for the fact base, the phrase's words are
 * indexed as well so that a question using just one of them still finds it.
 */
export function analyze(text: string, thesaurus: Thesaurus, forIndex = false): Token[] {
  const wordList = words(text);
  const stems = wordList.map(stem);
  const out: Token[] = [];
  let i = 0;
  while (i < wordList.length) {
    const match = thesaurus.matchAt(wordList, stems, i);
    if (match && match.length > 1) {
      const keys = new Map<string, number>([[stems.slice(i, i + match.length).join('_'), 1]]);
      for (const c of match.concepts) setMax(keys, c.key, c.strength);
      const inner: number[] = [];
      for (let j = i; j < i + match.length; j++) if (!isStopWord(wordList[j]!)) inner.push(j);
      if (!forIndex) for (const j of inner) setMax(keys, stems[j]!, PHRASE_PART_CREDIT);
      out.push({ text: wordList.slice(i, i + match.length).join(' '), word: null, keys, kind: 'content' });
      if (forIndex) {
        for (const j of inner) {
          out.push({ text: wordList[j]!, word: wordList[j]!, keys: new Map([[stems[j]!, 1]]), kind: 'content', inPhrase: true });
        }
      }
      i += match.length;
      continue;
    }
    const word = wordList[i]!;
    i++;
    if (isStopWord(word)) continue;
    out.push(wordToken(word, thesaurus));
  }
  return out;
}
