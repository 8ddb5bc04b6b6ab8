import { createEngineTarget, type MccTarget } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';

/**
 * The setSessionData request bodies the REST server reads (docs/decisions/rest-request-bodies.md),
 * against the real engine, so that fail reasons come in the semantics' order.
 */
let target: MccTarget & { engine: import('@mcc/core').MccService };
let server: Listening;
let sessionId: string;

beforeAll(async () => {
  target = (await createEngineTarget()) as typeof target;
  server = await serveRest(target.engine);
  const start = await http(`${server.baseUrl}/startSession?channelId=1003&serviceid=SUPPORT`);
  expect(start.json).toMatchObject({ result: 'SUCCESS' });
  sessionId = (start.json as { sessionId: string }).sessionId;
});
afterAll(async () => {
  await server.close();
  await target.close?.();
});

const put = (body: unknown) =>
  http(`${server.baseUrl}/setSessionData`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('setSessionData bodies', () => {
  test.each([
    ['flat (the reference, Jackson)', (s: object) => s],
    ['root-wrapped, SetSessionDataRequest (Jettison)', (s: object) => ({ SetSessionDataRequest: s })],
    ['root-wrapped, setSessionDataRequest (Jettison)', (s: object) => ({ setSessionDataRequest: s })],
  ])('%s', async (_name, shape) => {
    const answer = await put(shape({ sessionId, sessionData: 'note 1' }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ result: 'SUCCESS', sessionId, sessionData: 'note 1' });
  });

  test('a JSON number or boolean sessionData is its JSON text (Jackson coercion, Jettison numbers)', async () => {
    expect((await put({ sessionId, sessionData: 12.5 })).json).toEqual({
      result: 'SUCCESS',
      sessionId,
      sessionData: '12.5',
    });
    expect((await put({ setSessionDataRequest: { sessionId, sessionData: true } })).json).toMatchObject({
      sessionData: 'true',
    });
  });

  test('an object or array sessionData is stored as its JSON text', async () => {
    expect((await put({ sessionId, sessionData: { cart: [1, 'two'], note: null } })).json).toEqual({
      result: 'SUCCESS',
      sessionId,
      sessionData: '{"cart":[1,"two"],"note":null}',
    });
    expect((await put({ SetSessionDataRequest: { sessionId, sessionData: ['a', 2] } })).json).toMatchObject({
      sessionData: '["a",2]',
    });
    const read = await http(`${server.baseUrl}/checkSessionWithData?sessionId=${sessionId}`);
    expect(read.json).toMatchObject({ result: 'SUCCESS', sessionData: '["a",2]' });
  });

  test('an unknown sessionId with a non-string sessionData is INVALID_SESSION_ID (semantics §5 rule 1)', async () => {
    for (const sessionData of [7, false, { a: 1 }, [1, 2], []]) {
      const answer = await put({ sessionId: 'no-such-session', sessionData });
      expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
    }
  });

  test('an object sessionId is INVALID_SESSION_ID (an identifier is never coerced to JSON text)', async () => {
    for (const id of [{ sessionId }, { id: sessionId, n: 1 }]) {
      const answer = await put({ sessionId: id, sessionData: 'x' });
      expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
    }
  });

  test('a wrapper beside other members is not unwrapped; an unknown wrapper name is ignored', async () => {
    const beside = await put({ SetSessionDataRequest: { sessionId, sessionData: 'x' }, sessionId: 'other' });
    expect(beside.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
    const foreign = await put({ SomethingElse: { sessionId, sessionData: 'x' } });
    expect(foreign.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
  });
});
