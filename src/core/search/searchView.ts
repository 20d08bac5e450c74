import type { FactIndex, IndexedFact, Phrasing } from './factIndex.ts';
import type { OverlayIndex } from './overlayIndex.ts';
import type { KeyMatch } from './typos.ts';

/**
 * The facts one server searches: the shared curated index, minus the curated
 * facts the server removed or edited, plus the small index of its own edits
 * and additions (an OverlayIndex). Nothing of the shared index is copied, so a
 * server that edited one fact costs that one fact.
 *
 * Facts are addressed by slot: the curated index's positions first, then the
 * overlay's, so ties keep the curated order followed by the server's own.
 * A view is made per revision of the server's facts (it caches idf values).
 */
export class SearchView {
  readonly size: number;
  private readonly hiddenSlots: ReadonlySet<number>;
  /** Document-frequency corrections for the curated facts the server hides. */
  private readonly hiddenDf = new Map<string, number>();
  private readonly idfCache = new Map<string, number>();
  /** Each phrasing's total idf, once computed: it depends on the view only, not on the question. */
  private readonly phrasingWeights = new WeakMap<Phrasing, number>();

  constructor(
    readonly base: FactIndex,
    readonly overlay: OverlayIndex | null = null,
    hidden: Iterable<string> = [],
  ) {
    const slots = new Set<number>();
    for (const id of hidden) {
      const slot = base.position(id);
      if (slot === undefined || slots.has(slot)) continue;
      slots.add(slot);
      for (const key of base.entries[slot]!.keys.keys()) this.hiddenDf.set(key, (this.hiddenDf.get(key) ?? 0) + 1);
    }
    this.hiddenSlots = slots;
    this.size = base.entries.length - slots.size + (overlay?.count ?? 0);
  }

  /** How many of the server's facts use `key`. */
  documentFrequency(key: string): number {
    return this.base.documentFrequency(key) - (this.hiddenDf.get(key) ?? 0) + (this.overlay?.documentFrequency(key) ?? 0);
  }

  has(key: string): boolean {
    return this.documentFrequency(key) > 0;
  }

  /** Inverse document frequency: how much a key tells facts apart; undefined for a key no fact uses. */
  idf(key: string): number | undefined {
    let idf = this.idfCache.get(key);
    if (idf === undefined) {
      const df = this.documentFrequency(key);
      if (df <= 0) return undefined;
      idf = Math.log(1 + this.size / df);
      if (this.idfCache.size > MAX_CACHED_IDF) this.idfCache.clear();
      this.idfCache.set(key, idf);
    }
    return idf;
  }

  /** The summed idf of a phrasing's keys, the denominator of how much of it a question uses. */
  phrasingWeight(phrasing: Phrasing): number {
    let weight = this.phrasingWeights.get(phrasing);
    if (weight === undefined) {
      weight = 0;
      for (const key of phrasing.keys) weight += this.idf(key) ?? 0;
      this.phrasingWeights.set(phrasing, weight);
    }
    return weight;
  }

  /** The weight of a word no fact uses: as telling as a key only one fact has. */
  get unknownWeight(): number {
    return Math.log(1 + Math.max(this.size, 1));
  }

  /** Calls `visit` for each visible fact that uses `key`. */
  forEachPosting(key: string, visit: (slot: number, weight: number) => void): void {
    const hidden = this.hiddenSlots;
    this.base.forEachPosting(key, (slot, weight) => {
      if (!hidden.has(slot)) visit(slot, weight);
    });
    if (this.overlay) {
      const offset = this.base.entries.length;
      this.overlay.forEachPosting(key, (slot, weight) => visit(offset + slot, weight));
    }
  }

  /**
   * Order for equal scores, the same whatever order a server's facts were indexed in (a save, or a
   * rebuild after a restart): curated facts in the curated order, then the server's own by id.
   */
  compareSlots(a: number, b: number): number {
    const count = this.base.entries.length;
    if (a < count || b < count) return a - b;
    const idA = this.entry(a).fact.id;
    const idB = this.entry(b).fact.id;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  }

  entry(slot: number): IndexedFact {
    const count = this.base.entries.length;
    return slot < count ? this.base.entries[slot]! : this.overlay!.entry(slot - count)!;
  }

  knowsWord(word: string): boolean {
    return this.base.typos.has(word) || (this.overlay?.typos.has(word) ?? false);
  }

  typos(word: string): KeyMatch[] {
    return this.visibleMatches([...this.base.typos.find(word), ...(this.overlay?.typos.find(word) ?? [])]);
  }

  completions(prefix: string): KeyMatch[] {
    return this.visibleMatches([...this.base.typos.complete(prefix), ...(this.overlay?.typos.complete(prefix) ?? [])]);
  }

  /** The best credit per key, for keys some visible fact still uses. */
  private visibleMatches(matches: readonly KeyMatch[]): KeyMatch[] {
    const best = new Map<string, number>();
    for (const { key, credit } of matches) if (this.has(key) && credit > (best.get(key) ?? 0)) best.set(key, credit);
    return [...best].map(([key, credit]) => ({ key, credit }));
  }
}

/** Keys whose idf one view remembers; a busy server's questions use far fewer. */
const MAX_CACHED_IDF = 10_000;
