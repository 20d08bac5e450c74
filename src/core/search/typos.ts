import Fuse from 'fuse.js';
import { editDistance } from './editDistance.ts';
import { allowedEdits, COMPLETION_CREDIT, MAX_TYPO_CREDIT } from './searchTuning.ts';

export interface KeyMatch {
  key: string;
  credit: number;
}

/**
 * The words a fact base uses, for typo correction ("refugess" → "refugees")
 * and for completing a half-typed word in autocomplete. fuse.js finds
 * candidates among known words with the same first letter and a length within
 * reach (small lists, built on first use); an edit-distance check then keeps
 * only true near-misses, because fuse alone scores a substring as a perfect match.
 */
export class TypoFinder {
  private readonly keysByWord = new Map<string, string[]>();
  /** Words by first letter and length; made on the first lookup (most servers' own words are never looked up as typos). */
  private buckets: Map<string, string[]> | undefined;
  private readonly fuses = new Map<string, Fuse<string>>();
  private sorted: string[] | undefined;

  constructor(words: Iterable<readonly [string, string]>) {
    for (const [word, key] of words) this.add(word, key);
  }

  /** Learn a word and a key it stands for (a server's new fact adds its words). */
  add(word: string, key: string): void {
    const keys = this.keysByWord.get(word);
    if (keys) {
      if (!keys.includes(key)) keys.push(key);
      return;
    }
    this.keysByWord.set(word, [key]);
    this.sorted = undefined;
    if (this.buckets) this.addToBucket(word);
  }

  private addToBucket(word: string): void {
    const buckets = (this.buckets ??= new Map());
    const bucket = `${word[0]}${word.length}`;
    const list = buckets.get(bucket);
    if (!list) {
      buckets.set(bucket, [word]);
      return;
    }
    list.push(word);
    // A bucket's fuse.js index (made from a copy of the list) is told of the new word too.
    this.fuses.get(bucket)?.add(word);
  }

  has(word: string): boolean {
    return this.keysByWord.has(word);
  }

  /** Known words within a typo of `word`, as index keys with credit for how close they are; best first. */
  find(word: string): KeyMatch[] {
    const edits = allowedEdits(word.length);
    if (edits === 0 || this.keysByWord.has(word)) return [];
    let best = edits + 1;
    let closest: string[] = [];
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      const fuse = this.fuseFor(`${word[0]}${length}`);
      if (!fuse) continue;
      for (const { item } of fuse.search(word, { limit: 8 })) {
        const distance = editDistance(word, item, edits);
        if (distance > edits) continue;
        if (distance < best) {
          best = distance;
          closest = [item];
        } else if (distance === best && !closest.includes(item)) closest.push(item);
      }
    }
    if (closest.length === 0) return [];
    const credit = Math.min(MAX_TYPO_CREDIT, 1 - best / Math.max(word.length, 1));
    return this.keysOf(closest.sort(), credit);
  }

  /** Keys of known words that start with a half-typed word, for autocomplete. */
  complete(prefix: string, limit = 8): KeyMatch[] {
    if (prefix.length < 2) return [];
    this.sorted ??= [...this.keysByWord.keys()].sort();
    const words = this.sorted;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix) && found.length < limit; i++) found.push(words[i]!);
    return this.keysOf(found, COMPLETION_CREDIT);
  }

  private keysOf(words: readonly string[], credit: number): KeyMatch[] {
    const seen = new Set<string>();
    const out: KeyMatch[] = [];
    for (const word of words) {
      for (const key of this.keysByWord.get(word)!) {
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ key, credit });
      }
    }
    return out;
  }

  private fuseFor(bucket: string): Fuse<string> | undefined {
    if (!this.buckets) {
      this.buckets = new Map();
      for (const word of this.keysByWord.keys()) this.addToBucket(word);
    }
    let fuse = this.fuses.get(bucket);
    if (!fuse) {
      const list = this.buckets.get(bucket);
      if (!list) return undefined;
      fuse = new Fuse([...list], { threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
      this.fuses.set(bucket, fuse);
    }
    return fuse;
  }
}
