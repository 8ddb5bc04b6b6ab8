import { describe, expect, test } from 'vitest';
import { ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  test('tells a cached value, a cached "no row" (null) and an unknown key (undefined) apart', () => {
    const cache = new ReadCache<string>(4);
    cache.set('a', 'text');
    cache.set('b', undefined);
    expect(cache.get('a')).toBe('text');
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('__proto__')).toBeUndefined();
  });

  test('keeps at most `limit` keys, dropping the one set longest ago', () => {
    const cache = new ReadCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // a is now the newest
    cache.set('c', 4);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
  });

  test('forget and clear drop keys; a limit of 0 keeps nothing', () => {
    const cache = new ReadCache<number>(8);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
    const none = new ReadCache<number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
  });
});
