import {
  corpusClasses,
  createEngineTarget,
  type EngineTarget,
  restHostileCorpus,
  runHostileCorpus,
} from '@mcc/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Listening, serveRest } from './support/listen.js';

// The generated hostile REST corpus (issue 15) against the engine on the memory store; the same
// corpus runs on SQLite (store-sqlite) and PostgreSQL (store-postgres). One verdict for every case.

let target: EngineTarget;
let server: Listening;
const errors: unknown[] = [];
beforeAll(async () => {
  target = await createEngineTarget();
  server = await serveRest(target.engine, { onError: (e: unknown) => errors.push(e) });
});
afterAll(async () => {
  await server.close();
  await target.close();
});

/** The reason a REST answer carries: the fail reason of a result, or the code of a problem. */
function restReason(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { result?: string; failReason?: string; code?: string };
    return body.failReason ?? body.code ?? body.result;
  } catch {
    return undefined;
  }
}

test('at least 400 hostile requests, every class, each answered as it must be; nothing reported as an error', async () => {
  const cases = restHostileCorpus();
  expect(cases.length).toBeGreaterThanOrEqual(400);
  expect([...corpusClasses(cases).keys()].sort()).toEqual(
    [
      'channel',
      'http',
      'identifier',
      'json-depth',
      'json-duplicate',
      'json-malformed',
      'json-media',
      'json-size',
      'prototype',
      'query',
      'text',
    ].sort(),
  );
  const failures = await runHostileCorpus(cases, {
    origin: server.origin,
    reasonOf: (answer) => restReason(answer.text),
    probe: async () => {
      const response = await fetch(`${server.baseUrl}/checkSession?sessionId=alive`);
      return response.status === 200 && restReason(await response.text()) === 'INVALID_SESSION_ID';
    },
  });
  expect(failures).toEqual([]);
  expect(errors).toEqual([]);
}, 120_000);
