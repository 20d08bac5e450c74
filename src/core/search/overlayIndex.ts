import type { IndexedFact } from './factIndex.ts';
import { TypoFinder } from './typos.ts';

/**
 * One server's own facts (its edits and additions), indexed on their own and
 * changed in place: saving a fact re-indexes that fact only, whatever else
 * the server holds. Slots are never reused while the index lives, so a
 * removed fact leaves a hole rather than moving the others.
 */
export class OverlayIndex {
  private readonly slots: Array<IndexedFact | undefined> = [];
  private readonly byId = new Map<string, number>();
  /** Key → the slots of the facts using it (their weights are in the facts' own key maps). */
  private readonly postings = new Map<string, number[]>();
  readonly typos = new TypoFinder([]);

  /** Facts it holds. */
  get count(): number {
    return this.byId.size;
  }

  /** Slots used so far, holes included: the view numbers overlay facts after the shared ones. */
  get span(): number {
    return this.slots.length;
  }

  /** Add a fact, or replace the fact with the same id. */
  set(entry: IndexedFact): void {
    this.remove(entry.fact.id);
    const slot = this.slots.length;
    this.slots.push(entry);
    this.byId.set(entry.fact.id, slot);
    for (const key of entry.keys.keys()) {
      const posting = this.postings.get(key);
      if (posting) posting.push(slot);
      else this.postings.set(key, [slot]);
    }
    for (const [word, key] of entry.words) this.typos.add(word, key);
  }

  remove(id: string): void {
    const slot = this.byId.get(id);
    if (slot === undefined) return;
    const entry = this.slots[slot]!;
    for (const key of entry.keys.keys()) {
      const posting = this.postings.get(key)!.filter((s) => s !== slot);
      if (posting.length === 0) this.postings.delete(key);
      else this.postings.set(key, posting);
    }
    this.slots[slot] = undefined;
    this.byId.delete(id);
  }

  get(id: string): IndexedFact | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  position(id: string): number | undefined {
    return this.byId.get(id);
  }

  entry(slot: number): IndexedFact | undefined {
    return this.slots[slot];
  }

  entries(): IndexedFact[] {
    return this.slots.filter((entry): entry is IndexedFact => entry !== undefined);
  }

  documentFrequency(key: string): number {
    return this.postings.get(key)?.length ?? 0;
  }

  forEachPosting(key: string, visit: (slot: number, weight: number) => void): void {
    const posting = this.postings.get(key);
    if (posting) for (const slot of posting) visit(slot, this.slots[slot]!.keys.get(key)!);
  }
}
