import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationName, type RequestOf, waitForSessionStatus } from '@mcc/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRestClient, MccClientError, type RestClient } from '../src/client/index.js';
import { type Listening, serveRaw } from './support/listen.js';

/**
 * A foreign MCC: a plain node:http server answering canned bodies in each style the reference,
 * our OpenAPI and CXF's JSON providers (Jackson, Jettison) allow — not our server.
 */
let http: Listening;
let reply: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '{}' };
let requests: string[] = [];

beforeAll(async () => {
  http = await serveRaw((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
});
afterAll(() => http.close());

async function answer<N extends OperationName>(
  operation: N,
  request: RequestOf<N>,
  body: string,
  options: { strict?: boolean } = {},
) {
  reply = { status: 200, body };
  const client: RestClient = createRestClient({ baseUrl: http.baseUrl, retry: { retries: 0 }, ...options });
  try {
    const call = client[operation] as (r: RequestOf<N>) => Promise<unknown>;
    return await call(request);
  } finally {
    await client.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

/** Each style: the operation, its request, the body, and what the tolerant client reads. */
const styles: Array<[string, OperationName, Record<string, unknown>, string, unknown]> = [
  [
    'Jackson: nulls for absent fields',
    'startSession',
    { channelId: 1003, serviceid: 'SUPPORT' },
    '{"result":"SUCCESS","sessionId":"s-1","failReason":null,"failReasonMessage":null,"contactId":null,"contactValue":null}',
    { result: 'SUCCESS', sessionId: 's-1' },
  ],
  [
    'Jackson: a FAILED answer with nulls',
    'checkSession',
    { sessionId: 'x' },
    '{"result":"FAILED","sessionId":null,"status":null,"username":null,"customMessage":null,"failReason":"INVALID_SESSION_ID","failReasonMessage":"Session ID provided is not valid"}',
    {
      result: 'FAILED',
      failReason: 'INVALID_SESSION_ID',
      failReasonMessage: 'Session ID provided is not valid',
    },
  ],
  [
    'Jettison: root-wrapped, every value a string, a one-entry map as an object',
    'getServiceState',
    { channelId: 1003, serviceCodes: ['SUPPORT'] },
    '{"getServiceStateResult":{"result":"SUCCESS","channelId":"1003","state":{"entry":{"key":"SUPPORT","value":"ACTIVE"}}}}',
    { result: 'SUCCESS', channelId: 1003, state: { SUPPORT: 'ACTIVE' } },
  ],
  [
    'Jettison: a map of several entries as an entry list',
    'getServiceState',
    { channelId: 1003, serviceCodes: ['A', 'B'] },
    '{"getServiceStateResult":{"result":"SUCCESS","channelId":"1003","state":{"entry":[{"key":"A","value":"ACTIVE"},{"key":"B","value":"OUT_OF_SERVICE"}]}}}',
    { result: 'SUCCESS', channelId: 1003, state: { A: 'ACTIVE', B: 'OUT_OF_SERVICE' } },
  ],
  [
    'Jettison: root-wrapped logout with a stringly channel',
    'logoutAgentFromChannel',
    { channelId: 2, agentUsername: 'carol' },
    '{"logoutAgentResult":{"result":"SUCCESS","channelId":"2","agentUsername":"carol"}}',
    { result: 'SUCCESS', channelId: 2, agentUsername: 'carol' },
  ],
  [
    'minimal: LogoutAgentResult with no fields (the reference lists none)',
    'logoutAgentFromChannel',
    { channelId: 2, agentUsername: 'carol' },
    '{"result":"SUCCESS"}',
    { result: 'SUCCESS' },
  ],
  [
    'minimal: getServiceState without channelId',
    'getServiceState',
    { channelId: 1, serviceCodes: ['A', 'B'] },
    '{"result":"SUCCESS","state":{"A":"ACTIVE","B":"OVERTIME"}}',
    { result: 'SUCCESS', state: { A: 'ACTIVE', B: 'OVERTIME' } },
  ],
  [
    'minimal: closeSession without sessionId',
    'closeSession',
    { sessionId: 's' },
    '{"result":"SUCCESS"}',
    { result: 'SUCCESS' },
  ],
  [
    'minimal: sessionAccept without status',
    'sessionAccept',
    { sessionId: 's' },
    '{"result":"SUCCESS","sessionId":"s"}',
    { result: 'SUCCESS', sessionId: 's' },
  ],
  [
    'unknown: a fail reason from a newer server',
    'closeSession',
    { sessionId: 's' },
    '{"result":"FAILED","failReason":"SESSION_LOCKED","failReasonMessage":"locked"}',
    { result: 'FAILED', failReason: 'SESSION_LOCKED', failReasonMessage: 'locked' },
  ],
  [
    'unknown: a status and a service state from a newer server',
    'checkSession',
    { sessionId: 's' },
    '{"result":"SUCCESS","sessionId":"s","status":"TRANSFERRED"}',
    { result: 'SUCCESS', sessionId: 's', status: 'TRANSFERRED' },
  ],
  [
    'unknown: a service state from a newer server',
    'getServiceState',
    { channelId: 1, serviceCodes: ['A'] },
    '{"result":"SUCCESS","channelId":1,"state":{"A":"PAUSED"}}',
    { result: 'SUCCESS', channelId: 1, state: { A: 'PAUSED' } },
  ],
  [
    'extra fields',
    'setSessionData',
    { sessionId: 's', sessionData: 'x' },
    '{"result":"SUCCESS","sessionId":"s","sessionData":"x","serverTime":1700000000,"links":[{"rel":"self"}]}',
    { result: 'SUCCESS', sessionId: 's', sessionData: 'x' },
  ],
];

describe('the REST client against a foreign MCC', () => {
  test.each(styles)('%s: read', async (_name, operation, request, body, expected) => {
    expect(await answer(operation, request as never, body)).toEqual(expected);
  });

  test.each(styles)('%s: a deviation in strict mode', async (_name, operation, request, body) => {
    const error = await rejection(answer(operation, request as never, body, { strict: true }));
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.details?.deviations).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  test('strict mode reads the contract itself', async () => {
    const body = '{"result":"SUCCESS","channelId":2,"agentUsername":"carol"}';
    expect(
      await answer('logoutAgentFromChannel', { channelId: 2, agentUsername: 'carol' }, body, {
        strict: true,
      }),
    ).toEqual({ result: 'SUCCESS', channelId: 2, agentUsername: 'carol' });
  });

  test('what cannot be read is still MALFORMED_RESPONSE: a start without a sessionId', async () => {
    const error = await rejection(
      answer('startSession', { channelId: 1, serviceid: 'A' }, '{"result":"SUCCESS"}'),
    );
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', retryable: false });
  });

  test('a CXF/Tomcat error page: HTTP_ERROR with the status, retryable on a read', async () => {
    reply = {
      status: 500,
      body: '<html><body><h1>HTTP Status 500 – Internal Server Error</h1></body></html>',
    };
    const client = createRestClient({ baseUrl: http.baseUrl, retry: { retries: 0 } });
    const error = await rejection(client.checkSession({ sessionId: 's' }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 500, retryable: true });
    expect(String(error.details?.body)).toContain('HTTP Status 500');
    await client.close();
  });

  test('a 503 on a startSession without a caller-chosen id: not retried, and not retryable', async () => {
    reply = { status: 503, body: '{"code":"UNAVAILABLE"}', headers: { 'retry-after': '0' } };
    requests = [];
    const client = createRestClient({ baseUrl: http.baseUrl, retry: { minDelayMs: 1, maxDelayMs: 2 } });
    const error = await rejection(client.startSession({ channelId: 1003, serviceid: 'SUPPORT' }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 503, retryable: false });
    expect(error.details).toMatchObject({ transient: true });
    expect(requests).toHaveLength(1);
    // With its own sessionId the start is safe to repeat: retried, and retryable when it gives up.
    requests = [];
    const own = await rejection(
      client.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'mine' }),
    );
    expect(own).toMatchObject({ code: 'HTTP_ERROR', status: 503, retryable: true });
    expect(requests).toHaveLength(3);
    await client.close();
  });

  test('the waiter settles on CLOSED within one poll', async () => {
    reply = { status: 200, body: '{"result":"SUCCESS","sessionId":"s","status":"CLOSED"}' };
    requests = [];
    const client = createRestClient({ baseUrl: http.baseUrl });
    const error = await rejection(waitForSessionStatus(client, 's', 'ASSIGNED', { timeoutMs: 4000 }));
    expect(error.code).toBe('WAIT_UNREACHABLE');
    expect(error.details?.result).toMatchObject({ status: 'CLOSED' });
    // One poll, and no waiting for the 4 s to run out.
    expect(requests).toHaveLength(1);
    await client.close();
  });
});
