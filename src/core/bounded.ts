/**
 * Maps with a bound, for anything kept per server or per member. Both keep their keys in the
 * order they were last written (a JavaScript Map iterates in insertion order, and a write
 * deletes and re-inserts), so the entry to drop is always the first one: every call costs O(1),
 * amortised over the entries it drops, and nothing ever scans the whole map.
 */

/** Entries forgotten `ttlMs` after they were last written, and never more than `capacity` of them (oldest write first). */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; writtenAt: number }>();

  constructor(
    readonly capacity: number,
    private readonly ttlMs: number,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value written less than `ttlMs` before `now`, or undefined. */
  get(key: K, now: number): V | undefined {
    this.expire(now);
    return this.entries.get(key)?.value;
  }

  /** Write `value` at `now`: the key moves to the back, behind everything written earlier. */
  set(key: K, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, writtenAt: now });
    this.expire(now);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Drop expired entries from the front; it stops at the first live one, since everything behind it is newer. */
  private expire(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.writtenAt < this.ttlMs) return;
      this.entries.delete(key);
    }
  }
}

/** At most `capacity` entries; reading or writing one makes it the most recent, and the least recently used goes first. */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  /** `onEvict` hears of each entry dropped for room (not of deletes). */
  constructor(
    readonly capacity: number,
    private readonly onEvict: (value: V, key: K) => void = () => undefined,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const [oldest, dropped] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldest);
      this.onEvict(dropped, oldest);
    }
  }

  /** Take out the least recently used entry. */
  shift(): [K, V] | undefined {
    const first = this.entries.entries().next();
    if (first.done) return undefined;
    this.entries.delete(first.value[0]);
    return first.value;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  values(): IterableIterator<V> {
    return this.entries.values();
  }
}
