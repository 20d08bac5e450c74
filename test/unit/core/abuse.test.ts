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

  it('GIVEN a member whose window passed THEN they are forgotten once anyone else asks', () => {
    const c = clock();
    const limiter = new RateLimiter(2, 10_000, c.now);
    limiter.take('a');
    limiter.take('b');
    expect(limiter.size).toBe(2);
    c.advance(10_000);
    limiter.take('c');
    expect(limiter.size).toBe(1);
  });

  it('GIVEN a flood of distinct members THEN the bound is never exceeded and a member being held back stays held back', () => {
    const c = clock();
    const limiter = new RateLimiter(2, 30_000, c.now, 100);
    limiter.take('flooder');
    limiter.take('flooder');
    for (let i = 0; i < 10_000; i++) {
      c.advance(1);
      expect(limiter.take(`member-${i}`)).toBe(0);
      expect(limiter.size).toBeLessThanOrEqual(100);
      if (i % 50 === 0) expect(limiter.take('flooder')).toBeGreaterThan(0);
    }
    c.advance(20_000);
    expect(limiter.take('flooder')).toBe(0);
  });

  it('GIVEN a member at the limit among many others THEN they wait exactly until their oldest use leaves the window', () => {
    const c = clock();
    const limiter = new RateLimiter(3, 10_000, c.now, 1_000);
    for (const at of [0, 2_000, 4_000]) {
      c.advance(at === 0 ? 0 : 2_000);
      expect(limiter.take('a')).toBe(0);
      for (let i = 0; i < 100; i++) limiter.take(`other-${at}-${i}`);
    }
    expect(limiter.take('a')).toBe(6_000);
    c.advance(6_000);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2_000);
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

  it('GIVEN posts in more channels than its bound THEN it keeps the bound and still knows the latest posts', () => {
    const c = clock();
    const posts = new RecentPosts(60_000, c.now, 100);
    for (let i = 0; i < 10_000; i++) {
      c.advance(1);
      expect(posts.seenRecently(`channel-${i}`, 'fact-a')).toBe(false);
      expect(posts.size).toBeLessThanOrEqual(100);
    }
    expect(posts.seenRecently('channel-9999', 'fact-a')).toBe(true);
  });

  it('GIVEN the window passed THEN old posts are forgotten', () => {
    const c = clock();
    const posts = new RecentPosts(60_000, c.now);
    posts.seenRecently('channel-1', 'fact-a');
    posts.seenRecently('channel-2', 'fact-a');
    c.advance(60_000);
    posts.seenRecently('channel-3', 'fact-a');
    expect(posts.size).toBe(1);
  });
});
