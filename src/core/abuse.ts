/**
 * Guards against members flooding the bot. Pure and in memory: the clock is passed in. Each
 * guard forgets a member (or a post) once its window has passed and never holds more than its
 * bound (MEMORY_BOUNDS), dropping the oldest first; every call costs O(1).
 */
import { ExpiringMap } from './bounded.ts';
import { MEMORY_BOUNDS } from './memoryBounds.ts';

/** A member's last `limit` uses, as a ring: `times[next]` is the oldest once the ring is full. */
interface Uses {
  times: number[];
  next: number;
}

/** At most `limit` uses per `windowMs` for each key (a member, a member in a channel, ...). */
export class RateLimiter {
  private readonly uses: ExpiringMap<string, Uses>;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    capacity: number = MEMORY_BOUNDS.rateLimitedMembers,
  ) {
    this.uses = new ExpiringMap(capacity, windowMs);
  }

  /** Members remembered now (for the metrics). */
  get size(): number {
    return this.uses.size;
  }

  /** Records a use and returns 0, or returns the milliseconds to wait (recording nothing). A limit of 0 is off. */
  take(key: string): number {
    if (this.limit === 0) return 0;
    const now = this.now();
    // A member whose last use left the window is forgotten, so they start again with an empty ring.
    const uses = this.uses.get(key, now) ?? { times: [], next: 0 };
    // Written back even when refused: a member who keeps trying stays at the back, so a flood of
    // other members pushes out those gone quiet first, and not the one being held back.
    this.uses.set(key, uses, now);
    if (uses.times.length === this.limit) {
      // The ring holds the last `limit` uses; if the oldest is still in the window, so are all of them.
      const oldest = uses.times[uses.next]!;
      if (now - oldest < this.windowMs) return this.windowMs - (now - oldest);
      uses.times[uses.next] = now;
      uses.next = (uses.next + 1) % this.limit;
    } else {
      uses.times.push(now);
    }
    return 0;
  }
}

/** Remembers what was posted publicly where, so the same answer is not posted twice in a row. */
export class RecentPosts {
  private readonly postedAt: ExpiringMap<string, true>;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    capacity: number = MEMORY_BOUNDS.recentPublicAnswers,
  ) {
    this.postedAt = new ExpiringMap(capacity, windowMs);
  }

  /** Posts remembered now (for the metrics). */
  get size(): number {
    return this.postedAt.size;
  }

  /** True when `item` was posted in `place` within the window; otherwise records it and returns false. */
  seenRecently(place: string, item: string): boolean {
    if (this.windowMs === 0) return false;
    const now = this.now();
    const key = `${place}\u0000${item}`;
    if (this.postedAt.get(key, now)) return true;
    this.postedAt.set(key, true, now);
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
