import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { SpeculationCache } from './speculation-cache.js';

describe('SpeculationCache', () => {
  test('keeps at most `size` entries of each kind, forgetting the least recently seen first', () => {
    const cache = new SpeculationCache(2);
    cache.committed([
      { session: 'a', record: '{"id":"a"}' },
      { session: 'b', record: '{"id":"b"}' },
      { state: 'k', value: null },
    ]);
    // Seen again: `a` becomes the most recent, so `b` goes when `c` comes.
    cache.committed([
      { session: 'a', record: '{"id":"a","v":2}' },
      { session: 'c', record: '{"id":"c"}' },
    ]);
    assert.equal(cache.session('b'), undefined);
    assert.equal(cache.session('a'), '{"id":"a","v":2}');
    assert.equal(cache.session('c'), '{"id":"c"}');
    // A state value's absence is a prediction too (null), distinct from not known (undefined).
    assert.equal(cache.state('k'), null);
    assert.equal(cache.state('other'), undefined);
  });

  test('a deleted session and a failed speculation forget what they touched', () => {
    const cache = new SpeculationCache(10);
    cache.committed([
      { session: 'a', record: '{}' },
      { state: 'k', value: '1' },
      { state: '__proto__', value: '2' },
    ]);
    assert.equal(cache.state('__proto__'), '2');
    cache.committed([{ session: 'a', record: undefined }]);
    assert.equal(cache.session('a'), undefined);
    cache.forget([{ state: 'k', value: '1' }]);
    assert.equal(cache.state('k'), undefined);
    assert.equal(cache.state('__proto__'), '2');
  });
});
