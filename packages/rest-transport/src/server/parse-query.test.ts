import { parse } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseQuery } from './parse-query.js';

const plain = (q: string) => ({ ...parse(q) });
const mine = (q: string) => ({ ...parseQuery(q) });

describe('parseQuery', () => {
  test('parses as querystring.parse does, on the fast path and off it', () => {
    for (const q of ['', 'a', 'a=', '=a', 'a=1&a=2&a=3', 'a&&b=1&&', 'a=1=2', 'x=%41%zz', 'x=a+b', '&&&']) {
      expect(mine(q), q).toEqual(plain(q));
    }
  });

  test('reads only the first 1000 segments, like querystring.parse', () => {
    for (const q of [`${'&'.repeat(1500)}a=1`, `${'&'.repeat(998)}a=1&b=2`, `${'a=1&'.repeat(1200)}b=2`]) {
      expect(mine(q)).toEqual(plain(q));
    }
  });

  test('any query of names, values, = and & parses the same (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      'sessionId',
      '=',
      '&',
      '&&',
      '=x',
      'é',
      '__proto__',
      'constructor',
      '',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const q = parts.join('');
        expect(mine(q)).toEqual(plain(q));
      }),
      { numRuns: 2000 },
    );
  });
});
