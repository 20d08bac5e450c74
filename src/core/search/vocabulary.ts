import Fuse from 'fuse.js';
import { editDistance } from './editDistance.ts';
import { stem } from './text.ts';

export interface WordMatch {
  /** Index key (a stem or "~concept"). */
  key: string;
  /** 0..1: how sure the match is (typo distance, completion). */
  credit: number;
}

/** Words shorter than this must be typed right: "test" is not a typo of "text". */
const MIN_FUZZY_LENGTH = 5;
const MAX_CACHED_WORDS = 5000;
const COMPLETION_CREDIT = 0.9;
/** Credit for a word that only shares its stem's start with a known one ("negotiator" ~ "negotiate"). */
const STEM_PREFIX_CREDIT = 0.8;
/** A stem must be at least this long to stand for longer words it begins. */
const MIN_PREFIX_STEM = 5;

/** Candidates for a typo share its first letter and are within the allowed edits in length. */
function bucketOf(letter: string, length: number): string {
  return `${letter}${length}`;
}

/** How many edits a word of this length may carry and still count as a typo. */
export function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  if (length < 10) return 1;
  if (length < 14) return 2;
  return 3;
}

/**
 * Every word the search knows (the fact base's and the thesaurus's), for
 * typo-tolerant lookup of one question word and for completing a half-typed one.
 * fuse.js finds candidates among the known words sharing the first letter and
 * of a length within reach (short lists keep it fast at 10,000 facts); an edit-distance check
 * then keeps only true near-misses, because fuse alone scores a substring
 * ("peace" in "peacebuilding") as a perfect match. Lookups are cached.
 */
export class Vocabulary {
  private readonly keysByWord: Map<string, ReadonlyMap<string, number>>;
  private readonly weightByWord: Map<string, number>;
  private readonly sorted: string[];
  private readonly byLetter = new Map<string, string[]>();
  private readonly fuses = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, WordMatch[]>();
  private readonly keysByStem = new Map<string, Map<string, number>>();
  private readonly sortedStems: string[];

  /** `entries`: word → its index keys with credit; `weight`: how common (for ordering completions). */
  constructor(entries: Map<string, ReadonlyMap<string, number>>, weight: (word: string) => number) {
    this.keysByWord = entries;
    this.sorted = [...entries.keys()].sort();
    this.weightByWord = new Map(this.sorted.map((w) => [w, weight(w)]));
    for (const [word, keys] of entries) {
      const wordStem = stem(word);
      if (wordStem.length < MIN_PREFIX_STEM || !keys.has(wordStem)) continue;
      const merged = this.keysByStem.get(wordStem) ?? new Map<string, number>();
      for (const [key, credit] of keys) merged.set(key, Math.max(merged.get(key) ?? 0, credit));
      this.keysByStem.set(wordStem, merged);
    }
    this.sortedStems = [...this.keysByStem.keys()].sort();
    for (const word of this.sorted) {
      const bucket = bucketOf(word[0]!, word.length);
      const list = this.byLetter.get(bucket) ?? [];
      list.push(word);
      this.byLetter.set(bucket, list);
    }
    for (const bucket of this.byLetter.keys()) this.fuseFor(bucket);
  }

  get size(): number {
    return this.sorted.length;
  }

  has(word: string): boolean {
    return this.keysByWord.has(word);
  }

  /**
   * Known words one typo away from `word`, or sharing its stem's start (a
   * derived form the stemmer does not join: "negotiator", "hostile"), as index
   * keys, best first; empty when none.
   */
  fuzzy(word: string): WordMatch[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found = this.lookup(word);
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }

  /** Index keys of known words that start with a partly typed word, for autocomplete. */
  completions(prefix: string, limit = 8): WordMatch[] {
    if (prefix.length < 2) return [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const candidates: string[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix) && candidates.length < 200; i++) {
      candidates.push(this.sorted[i]!);
    }
    candidates.sort((a, b) => this.weightByWord.get(b)! - this.weightByWord.get(a)! || (a < b ? -1 : 1));
    const best = new Map<string, number>();
    for (const word of candidates.slice(0, limit)) {
      for (const [key, credit] of this.keysByWord.get(word)!) {
        best.set(key, Math.max(best.get(key) ?? 0, credit * COMPLETION_CREDIT));
      }
    }
    return [...best].map(([key, credit]) => ({ key, credit }));
  }

  private fuseFor(bucket: string): Fuse<string> | undefined {
    let fuse = this.fuses.get(bucket);
    if (!fuse) {
      const list = this.byLetter.get(bucket);
      if (!list) return undefined;
      fuse = new Fuse(list, { threshold: 0.4, ignoreLocation: true, includeScore: true, minMatchCharLength: 2 });
      this.fuses.set(bucket, fuse);
    }
    return fuse;
  }

  private lookup(word: string): WordMatch[] {
    const typo = this.typo(word);
    return typo.length > 0 ? typo : this.derived(word);
  }

  /** The longest known stem the word begins with, or the shortest known stem beginning with the word's stem. */
  private derived(word: string): WordMatch[] {
    if (word.length <= MIN_PREFIX_STEM) return [];
    let found: string | undefined;
    for (let length = word.length - 1; length >= MIN_PREFIX_STEM && !found; length--) {
      if (this.keysByStem.has(word.slice(0, length))) found = word.slice(0, length);
    }
    if (!found) {
      const own = stem(word);
      if (own.length >= MIN_PREFIX_STEM) {
        let lo = 0;
        let hi = this.sortedStems.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.sortedStems[mid]! < own) lo = mid + 1;
          else hi = mid;
        }
        const next = this.sortedStems[lo];
        if (next !== undefined && next !== own && next.startsWith(own)) found = next;
      }
    }
    if (!found) return [];
    return [...this.keysByStem.get(found)!]
      .map(([key, credit]) => ({ key, credit: credit * STEM_PREFIX_CREDIT }))
      .sort((a, b) => b.credit - a.credit || (a.key < b.key ? -1 : 1));
  }

  private typo(word: string): WordMatch[] {
    const edits = allowedEdits(word.length);
    if (edits === 0) return [];
    const scored: Array<{ item: string; distance: number }> = [];
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      const fuse = length >= MIN_FUZZY_LENGTH - 1 ? this.fuseFor(bucketOf(word[0]!, length)) : undefined;
      if (!fuse) continue;
      for (const { item } of fuse.search(word, { limit: 10 })) {
        const distance = editDistance(word, item, edits);
        if (distance <= edits) scored.push({ item, distance });
      }
    }
    scored.sort((a, b) => a.distance - b.distance || (a.item < b.item ? -1 : 1));
    const best = new Map<string, number>();
    for (const { item, distance } of scored.slice(0, 3)) {
      if (distance > scored[0]!.distance) break;
      const similarity = 1 - distance / Math.max(word.length, item.length);
      for (const [key, credit] of this.keysByWord.get(item)!) {
        best.set(key, Math.max(best.get(key) ?? 0, credit * similarity));
      }
    }
    return [...best].map(([key, credit]) => ({ key, credit })).sort((a, b) => b.credit - a.credit || (a.key < b.key ? -1 : 1));
  }
}
