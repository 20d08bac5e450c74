import { describe, expect, it } from 'vitest';
import { ExpiringMap, LruMap } from '../../../src/core/bounded.ts';

describe('ExpiringMap', () => {
  it('GIVEN an entry older than its time to live THEN it is gone, and so is its memory', () => {
    const map = new ExpiringMap<string, number>(10, 1_000);
    map.set('a', 1, 0);
    map.set('b', 2, 500);
    expect(map.get('a', 999)).toBe(1);
    expect(map.get('a', 1_000)).toBeUndefined();
    expect(map.size).toBe(1);
    expect(map.get('b', 1_499)).toBe(2);
  });

  it('GIVEN a key written again THEN it lives from its last write, behind the others', () => {
    const map = new ExpiringMap<string, number>(10, 1_000);
    map.set('a', 1, 0);
    map.set('b', 2, 100);
    map.set('a', 3, 900);
    expect(map.get('b', 1_100)).toBeUndefined();
    expect(map.get('a', 1_100)).toBe(3);
  });

  it('GIVEN more keys than its capacity within the time to live THEN it holds the capacity, dropping the oldest write', () => {
    const map = new ExpiringMap<number, number>(100, 60_000);
    for (let i = 0; i < 10_000; i++) {
      map.set(i, i, i);
      expect(map.size).toBeLessThanOrEqual(100);
    }
    expect(map.get(9_900, 10_000)).toBe(9_900);
    expect(map.get(9_899, 10_000)).toBeUndefined();
  });
});

describe('LruMap', () => {
  it('GIVEN a full map THEN the least recently read or written entry is dropped first', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true]);
    expect(map.size).toBe(2);
  });
});
