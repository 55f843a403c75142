import { describe, expect, it } from 'vitest';
import { LruCache } from '../../charts/lruCache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry, counting reads as use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('replaces a value in place and refuses a capacity that is not a positive integer', () => {
    const cache = new LruCache<string, number>(1);
    cache.set('a', 1);
    cache.set('a', 2);
    expect([cache.get('a'), cache.size]).toEqual([2, 1]);
    expect(() => new LruCache(0)).toThrow(/positive integer/);
  });
});
