import { describe, expect, it } from 'vitest';
import { RateLimiter, RecentPosts } from '../../../src/core/abuse.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('GIVEN a member within the limit THEN every use is allowed', () => {
    const c = clock();
    const limiter = new RateLimiter(3, 10_000, c.now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
  });

  it('GIVEN a member over the limit THEN they are told how long to wait, and may go on once the window passes', () => {
    const c = clock();
    const limiter = new RateLimiter(2, 10_000, c.now);
    limiter.take('a');
    c.advance(4_000);
    limiter.take('a');
    c.advance(1_000);
    expect(limiter.take('a')).toBe(5_000);
    c.advance(5_000);
    expect(limiter.take('a')).toBe(0);
  });

  it('GIVEN two members THEN one flooding does not slow the other', () => {
    const limiter = new RateLimiter(1, 10_000, clock().now);
    limiter.take('a');
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });
});

describe('RecentPosts', () => {
  it('GIVEN the same answer in the same channel within the window THEN it is seen; elsewhere or later it is not', () => {
    const c = clock();
    const posts = new RecentPosts(60_000, c.now);
    expect(posts.seenRecently('channel-1', 'fact-a')).toBe(false);
    expect(posts.seenRecently('channel-1', 'fact-a')).toBe(true);
    expect(posts.seenRecently('channel-2', 'fact-a')).toBe(false);
    expect(posts.seenRecently('channel-1', 'fact-b')).toBe(false);
    c.advance(60_000);
    expect(posts.seenRecently('channel-1', 'fact-a')).toBe(false);
  });
});
