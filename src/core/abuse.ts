/**
 * Guards against members flooding the bot. Pure and in memory: the clock is
 * passed in, and old entries are pruned as new ones arrive, so memory stays
 * bounded by the members active within one window.
 */

/** At most `limit` uses per `windowMs` for each key (a member, a member in a channel, ...). */
export class RateLimiter {
  private readonly uses = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a use and returns 0, or returns the milliseconds to wait (recording nothing). A limit of 0 is off. */
  take(key: string): number {
    if (this.limit === 0) return 0;
    const now = this.now();
    const recent = (this.uses.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.uses.set(key, recent);
      return this.windowMs - (now - recent[0]!);
    }
    recent.push(now);
    this.uses.set(key, recent);
    if (this.uses.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.uses) {
      if (times.every((t) => now - t >= this.windowMs)) this.uses.delete(key);
    }
  }
}

/** Remembers what was posted publicly where, so the same answer is not posted twice in a row. */
export class RecentPosts {
  private readonly postedAt = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `item` was posted in `place` within the window; otherwise records it and returns false. */
  seenRecently(place: string, item: string): boolean {
    if (this.windowMs === 0) return false;
    const now = this.now();
    const key = `${place}\u0000${item}`;
    const last = this.postedAt.get(key);
    if (last !== undefined && now - last < this.windowMs) return true;
    this.postedAt.set(key, now);
    if (this.postedAt.size > 10_000) {
      for (const [k, t] of this.postedAt) if (now - t >= this.windowMs) this.postedAt.delete(k);
    }
    return false;
  }
}

/** Fixed limits; the /ask limit and the duplicate window are set in the config (ASK_LIMIT, DUPLICATE_ANSWER_WINDOW_S). */
export const ABUSE_LIMITS = {
  askWindowMs: 30_000,
  /** /quiz start: one per member per window. */
  quizStartsPerWindow: 1,
  quizStartWindowMs: 30_000,
} as const;
