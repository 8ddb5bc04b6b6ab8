import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { Observation } from './speculation-cache.js';
import { foundInstead } from './speculative-apply.js';

// What a failed expectation's error tells the node (apply-function.ts: MCC01, DETAIL
// `[kind, key, text | null]`). Only a well-formed answer about one of the run's own reads is
// believed; anything else leaves the work to the regular run.

const observations: Observation[] = [
  { session: 's1', record: '{"id":"s1"}' },
  { state: 'channel:1', value: null },
];
const mcc01 = (detail: unknown) => ({ code: 'MCC01', detail });

describe('foundInstead', () => {
  test('a session or state value the run read: the committed value (absent or gone included)', () => {
    const believed: Array<[string, Observation]> = [
      ['["r","s1","{\\"id\\":\\"s1\\",\\"x\\":1}"]', { session: 's1', record: '{"id":"s1","x":1}' }],
      ['["r","s1",null]', { session: 's1', record: undefined }],
      ['["s","channel:1","{\\"enabled\\":false}"]', { state: 'channel:1', value: '{"enabled":false}' }],
      ['["s","channel:1",null]', { state: 'channel:1', value: null }],
    ];
    for (const [detail, committed] of believed)
      assert.deepEqual(foundInstead(mcc01(detail), observations), committed, detail);
  });

  test('anything else is not believed', () => {
    for (const error of [
      undefined,
      null,
      new Error('boom'),
      { code: '40P01', detail: '["r","s1",null]' },
      mcc01(undefined),
      mcc01(42),
      mcc01('not json'),
      mcc01('{"r":"s1"}'),
      mcc01('["r","s1"]'),
      mcc01('["r","s1",null,1]'),
      mcc01('["r",1,null]'),
      mcc01('["r","s1",{}]'),
      mcc01('["i","s1",null]'),
      // A key the run did not read, or read as the other kind.
      mcc01('["r","s2",null]'),
      mcc01('["s","s1",null]'),
      mcc01('["r","channel:1",null]'),
      mcc01('["r","__proto__",null]'),
    ])
      assert.equal(foundInstead(error, observations), undefined, JSON.stringify(error));
  });
});
