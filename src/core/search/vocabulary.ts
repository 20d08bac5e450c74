import Fuse from 'fuse.js';
import { wordSimilarity } from './editDistance.ts';
import { stem } from './text.ts';

export interface WordMatch {
  stem: string;
  similarity: number;
}

/** Words shorter than this must match exactly: "won" is not a typo of "own". */
const MIN_FUZZY_LENGTH = 4;
const MAX_CACHED_WORDS = 5000;

/** How many edits a word of this length may carry and still count as a typo. */
function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  if (length < 6) return 1;
  if (length < 10) return 2;
  return 3;
}

/**
 * Every word the fact base uses, for typo-tolerant lookup of single query words.
 * fuse.js finds candidates among short single words (where it is fast and good);
 * an edit-distance check then keeps only true near-misses, because fuse alone
 * scores a substring ("peace" in "peacebuilding") as a perfect match.
 */
export class Vocabulary {
  private readonly stemsByWord = new Map<string, string>();
  private readonly knownStems = new Set<string>();
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, WordMatch[]>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const wordStem = stem(word);
      this.stemsByWord.set(word, wordStem);
      this.knownStems.add(wordStem);
    }
    this.fuse = new Fuse([...this.stemsByWord.keys()], {
      threshold: 0.4,
      ignoreLocation: true,
      includeScore: true,
      minMatchCharLength: 2,
    });
  }

  get size(): number {
    return this.stemsByWord.size;
  }

  /** The stems a query word stands for, best first; empty when the fact base never uses it. */
  match(word: string): WordMatch[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found = this.lookup(word);
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  /** Stems of known words that start with a partly typed word, for autocomplete. */
  completions(prefix: string, limit = 8): WordMatch[] {
    if (prefix.length < 2) return [];
    const stems = new Set<string>();
    for (const [word, wordStem] of this.stemsByWord) {
      if (word.startsWith(prefix)) stems.add(wordStem);
      if (stems.size >= limit) break;
    }
    return [...stems].map((s) => ({ stem: s, similarity: 0.9 }));
  }

  private lookup(word: string): WordMatch[] {
    const exact = this.stemsByWord.get(word) ?? stem(word);
    if (this.knownStems.has(exact)) return [{ stem: exact, similarity: 1 }];
    const edits = allowedEdits(word.length);
    if (edits === 0) return [];
    const best = new Map<string, number>();
    for (const { item } of this.fuse.search(word, { limit: 12 })) {
      const similarity = wordSimilarity(word, item);
      if (similarity < 1 - edits / Math.max(word.length, item.length)) continue;
      const itemStem = this.stemsByWord.get(item)!;
      best.set(itemStem, Math.max(best.get(itemStem) ?? 0, similarity));
    }
    return [...best]
      .map(([s, similarity]) => ({ stem: s, similarity }))
      .sort((a, b) => b.similarity - a.similarity || a.stem.localeCompare(b.stem))
      .slice(0, 3);
  }
}
