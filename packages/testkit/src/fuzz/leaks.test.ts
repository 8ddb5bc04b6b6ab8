import { describe, expect, test } from 'vitest';
import { findLeak, scrubLeakMarkers } from './leaks.js';
import { fuzzSettings } from './settings.js';

describe('findLeak', () => {
  test.each([
    'TypeError: Cannot read properties of undefined\n    at handler (/srv/app/dist/index.js:10:5)',
    '{"detail":"boom at Object.<anonymous> (file:///x/y.js:1:2)"}',
    'see store.ts:42',
    'node_modules/undici/lib/core.js',
    '<faultstring>Error: ECONNREFUSED</faultstring>',
    'open /home/mcc/secret',
  ])('names what %j leaks', (text) => {
    expect(findLeak(text)).toBeDefined();
  });

  test.each([
    '{"result":"FAILED","failReason":"INVALID_SESSION_ID"}',
    'malformed XML: undeclared namespace prefix "x"',
  ])('finds nothing in %j', (text) => {
    expect(findLeak(text)).toBeUndefined();
  });

  test('scrubbed input never looks like a leak', () => {
    expect(findLeak(scrubLeakMarkers('xError: y at a.js:1 node_modules /home/z'))).toBeUndefined();
  });
});

describe('fuzzSettings', () => {
  test('bounded by default, FUZZ_RUNS for the long campaign (no timeout), FUZZ_SEED/FUZZ_PATH to replay', () => {
    expect(fuzzSettings(50, {})).toEqual({ numRuns: 50, timeoutMs: 20_000 });
    expect(fuzzSettings(50, { FUZZ_RUNS: '100000', FUZZ_SEED: '-42', FUZZ_PATH: '3:1' })).toEqual({
      numRuns: 100_000,
      timeoutMs: 0,
      seed: -42,
      path: '3:1',
    });
  });
});
