import {
  corpusClasses,
  createEngineTarget,
  type EngineTarget,
  runHostileCorpus,
  soapHostileCorpus,
} from '@mcc/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSoapHandler } from '../src/server/index.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, post } from './support/soap-http.js';
import { soapReason } from './support/soap-reason.js';

// The generated hostile SOAP corpus (issue 15) against the engine on the memory store; the same
// corpus runs on SQLite and PostgreSQL. One verdict for every case.

let target: EngineTarget;
let http: Listening;
const errors: unknown[] = [];
beforeAll(async () => {
  target = await createEngineTarget();
  http = await listen(createSoapHandler(target.engine, { onError: (e: unknown) => errors.push(e) }));
});
afterAll(async () => {
  await http.close();
  await target.close();
});

test('at least 400 hostile requests, every class, each answered as it must be; nothing reported as an error', async () => {
  const cases = soapHostileCorpus();
  expect(cases.length).toBeGreaterThanOrEqual(400);
  expect([...corpusClasses(cases).keys()].sort()).toEqual(
    [
      'channel',
      'dtd',
      'envelope',
      'identifier',
      'prototype',
      'xml-limit',
      'xml-malformed',
      'xml-truncated',
    ].sort(),
  );
  const url = `${http.origin}/mc/cxf/soap`;
  const failures = await runHostileCorpus(cases, {
    origin: http.origin,
    reasonOf: soapReason,
    probe: async () => {
      const answer = await post(
        url,
        envelope('<m:checkSessionState><sessionId>alive</sessionId></m:checkSessionState>'),
      );
      return answer.status === 200 && soapReason(answer) === 'INVALID_SESSION_ID';
    },
  });
  expect(failures).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);
