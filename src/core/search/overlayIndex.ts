import type { IndexedFact } from './factIndex.ts';
import { TypoFinder } from './typos.ts';

/**
 * One server's own facts (its edits and additions), indexed on their own and
 * changed in place: saving a fact re-indexes that fact only, whatever else
 * the server holds. A fact saved again keeps its slot, and a removed fact's
 * slot is given to the next new one, so the slots never outnumber the facts
 * the server has held at once.
 */
export class OverlayIndex {
  private readonly slots: Array<IndexedFact | undefined> = [];
  private readonly byId = new Map<string, number>();
  private readonly free: number[] = [];
  /** Key → the slots of the facts using it (their weights are in the facts' own key maps). */
  private readonly postings = new Map<string, number[]>();
  readonly typos = new TypoFinder([]);

  /** Facts it holds. */
  get count(): number {
    return this.byId.size;
  }

  /** Add a fact, or replace the fact with the same id. */
  set(entry: IndexedFact): void {
    const previous = this.byId.get(entry.fact.id);
    this.remove(entry.fact.id);
    const slot = previous ?? this.free.pop() ?? this.slots.length;
    if (previous !== undefined) this.free.pop(); // remove() freed the slot it keeps
    this.slots[slot] = entry;
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
    this.free.push(slot);
  }

  get(id: string): IndexedFact | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.slots[slot];
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
