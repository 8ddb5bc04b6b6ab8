import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MccClientError, operations } from '@mcc/core';
import { afterEach, describe, expect, test } from 'vitest';
import { createRestClient, type RetryEvent } from '../src/client/index.js';
import { createRestHandler } from '../src/server/index.js';
import { type Listening, serveRaw, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const FAST = { minDelayMs: 1, maxDelayMs: 2 };
const opened: Listening[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A REST server whose first `failures` requests get `status` (a problem body), then real answers. */
async function flakyServer(failures: number, status: number) {
  const { service, calls } = scriptedService();
  const handler = createRestHandler(service);
  let attempts = 0;
  const server = await serveRaw((req, res) => {
    attempts++;
    if (attempts <= failures) {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status, code: status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST' }));
      return;
    }
    handler(req, res);
  });
  opened.push(server);
  return { server, calls, attempts: () => attempts };
}

async function failure(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(Error);
  return error as MccClientError;
}

describe('retries (core withRetry over HTTP)', () => {
  test('a read-only operation is retried on 5xx until it succeeds, with onRetry told each time', async () => {
    const flaky = await flakyServer(2, 503);
    const events: RetryEvent[] = [];
    const client = createRestClient({
      baseUrl: flaky.server.baseUrl,
      retry: { ...FAST, onRetry: (e) => events.push(e) },
    });
    await expect(client.checkSession({ sessionId: 's1' })).resolves.toMatchObject({ result: 'SUCCESS' });
    expect(flaky.attempts()).toBe(3);
    expect(events.map((e) => [e.attempt, e.error.code, e.error.status])).toEqual([
      [1, 'HTTP_ERROR', 503],
      [2, 'HTTP_ERROR', 503],
    ]);
    await client.close();
  });

  test('gives up after `retries` extra attempts with the last HTTP_ERROR', async () => {
    const flaky = await flakyServer(10, 500);
    const client = createRestClient({ baseUrl: flaky.server.baseUrl, retry: { ...FAST, retries: 2 } });
    const error = await failure(client.getServiceState({ channelId: 1, serviceCodes: ['A'] }));
    expect(error).toMatchObject({
      code: 'HTTP_ERROR',
      status: 500,
      retryable: true,
      operation: 'getServiceState',
    });
    expect(error.details).toMatchObject({ problemCode: 'INTERNAL_ERROR' });
    expect(flaky.attempts()).toBe(3);
    await client.close();
  });

  test('4xx is not retried', async () => {
    const flaky = await flakyServer(1, 400);
    const client = createRestClient({ baseUrl: flaky.server.baseUrl, retry: FAST });
    const error = await failure(client.checkSession({ sessionId: 's1' }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 400, retryable: false });
    expect(flaky.attempts()).toBe(1);
    await client.close();
  });

  test.each([
    ['sessionAccept', { sessionId: 's1' }],
    ['closeSession', { sessionId: 's1' }],
    ['setSessionData', { sessionId: 's1', sessionData: 'x' }],
    ['logoutAgentFromChannel', { channelId: 1003, agentUsername: 'bob' }],
    ['startSession', { channelId: 1003, serviceid: 'SUPPORT' }],
  ] as const)('%s (not retry-safe) is sent once', async (operation, request) => {
    const flaky = await flakyServer(1, 503);
    const client = createRestClient({ baseUrl: flaky.server.baseUrl, retry: FAST });
    const call = client[operation] as (r: unknown) => Promise<unknown>;
    expect(operations[operation].readOnly).toBe(false);
    expect(await failure(call(request))).toMatchObject({ code: 'HTTP_ERROR', status: 503 });
    expect(flaky.attempts()).toBe(1);
    await client.close();
  });

  test('startSession with a sessionId is retried, and DUPLICATED_SESSION_ID to its own retry is its SUCCESS', async () => {
    const sessions = new Set<string>();
    const { service } = scriptedService((operation, request) => {
      if (operation !== 'startSession') return undefined;
      const id = request.sessionId as string;
      if (sessions.has(id)) {
        return {
          result: 'FAILED',
          failReason: 'DUPLICATED_SESSION_ID',
          failReasonMessage: 'Session ID provided already exists',
        };
      }
      sessions.add(id);
      return { result: 'SUCCESS', sessionId: id, contactId: request.contactId };
    });
    const handler = createRestHandler(service);
    let attempts = 0;
    const server = await serveRaw((req: IncomingMessage, res: ServerResponse) => {
      attempts++;
      if (attempts === 1) {
        // The first attempt reaches the service, but its answer is lost on the way back.
        res.end = (() => {
          req.socket.destroy();
          return res;
        }) as typeof res.end;
      }
      handler(req, res);
    });
    opened.push(server);
    const events: RetryEvent[] = [];
    const client = createRestClient({
      baseUrl: server.baseUrl,
      retry: { ...FAST, onRetry: (e) => events.push(e) },
    });
    const result = await client.startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      sessionId: 'chat-9',
      contactId: 'c1',
    });
    expect(result).toEqual({ result: 'SUCCESS', sessionId: 'chat-9', contactId: 'c1' });
    expect(attempts).toBe(2);
    expect(events.map((e) => e.error.code)).toEqual(['NETWORK_ERROR']);
    expect([...sessions]).toEqual(['chat-9']);
    await client.close();
  });

  test('a DUPLICATED_SESSION_ID on the first attempt stays a failure', async () => {
    const { service } = scriptedService(() => ({
      result: 'FAILED',
      failReason: 'DUPLICATED_SESSION_ID',
      failReasonMessage: 'Session ID provided already exists',
    }));
    const server = await serveRest(service);
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl, retry: FAST });
    await expect(
      client.startSession({ channelId: 1003, serviceid: 'S', sessionId: 'taken' }),
    ).resolves.toMatchObject({
      result: 'FAILED',
      failReason: 'DUPLICATED_SESSION_ID',
    });
    await client.close();
  });

  test('retries: 0 turns retries off', async () => {
    const flaky = await flakyServer(1, 503);
    const client = createRestClient({ baseUrl: flaky.server.baseUrl, retry: { retries: 0 } });
    expect(await failure(client.checkSession({ sessionId: 's1' }))).toMatchObject({ code: 'HTTP_ERROR' });
    expect(flaky.attempts()).toBe(1);
    await client.close();
  });
});

describe('typed client errors', () => {
  test('nothing listening: NETWORK_ERROR, retryable, retried on safe operations', async () => {
    const gone = await serveRaw(() => {});
    const baseUrl = gone.baseUrl;
    await gone.close();
    const events: RetryEvent[] = [];
    const client = createRestClient({ baseUrl, retry: { ...FAST, onRetry: (e) => events.push(e) } });
    const error = await failure(client.checkSession({ sessionId: 's1' }));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, operation: 'checkSession' });
    expect(events).toHaveLength(2);
    await client.close();
  });

  test('no answer within timeoutMs: TIMEOUT; a per-call timeoutMs overrides the client default', async () => {
    const hanging = await serveRaw(() => {});
    opened.push(hanging);
    const client = createRestClient({ baseUrl: hanging.baseUrl, timeoutMs: 40, retry: { retries: 0 } });
    expect(await failure(client.checkSession({ sessionId: 's1' }))).toMatchObject({
      code: 'TIMEOUT',
      retryable: true,
    });
    expect(await failure(client.sessionAccept({ sessionId: 's1' }, { timeoutMs: 20 }))).toMatchObject({
      code: 'TIMEOUT',
      operation: 'sessionAccept',
    });
    await client.close();
  });

  test('the caller aborts: ABORTED, never retried', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const hanging = await serveRaw(() => arrived());
    opened.push(hanging);
    const events: RetryEvent[] = [];
    const client = createRestClient({
      baseUrl: hanging.baseUrl,
      retry: { ...FAST, onRetry: (e) => events.push(e) },
    });
    const controller = new AbortController();
    const pending = client.checkSession({ sessionId: 's1' }, { signal: controller.signal });
    await reached;
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'ABORTED', retryable: false });
    expect(
      await failure(client.checkSession({ sessionId: 's1' }, { signal: AbortSignal.abort() })),
    ).toMatchObject({
      code: 'ABORTED',
    });
    expect(events).toEqual([]);
    await client.close();
  });

  test('an abort during the backoff between retries: ABORTED', async () => {
    const flaky = await flakyServer(10, 503);
    const controller = new AbortController();
    const client = createRestClient({
      baseUrl: flaky.server.baseUrl,
      retry: {
        minDelayMs: 60_000,
        maxDelayMs: 60_000,
        onRetry: () => setImmediate(() => controller.abort()),
      },
    });
    expect(
      await failure(client.checkSession({ sessionId: 's1' }, { signal: controller.signal })),
    ).toMatchObject({
      code: 'ABORTED',
    });
    expect(flaky.attempts()).toBe(1);
    await client.close();
  });

  test.each([
    ['not JSON', 'text/html', '<html>Tomcat error</html>'],
    ['an array', 'application/json', '[]'],
    ['an unknown result', 'application/json', '{"result":"MAYBE"}'],
    ['FAILED without a fail reason', 'application/json', '{"result":"FAILED","failReasonMessage":"?"}'],
    ['SUCCESS without its required fields', 'application/json', '{"result":"SUCCESS"}'],
  ])('a 200 answer that is %s: MALFORMED_RESPONSE, not retried', async (_name, contentType, body) => {
    let attempts = 0;
    const server = await serveRaw((_req, res) => {
      attempts++;
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
    });
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl, retry: FAST });
    expect(await failure(client.checkSession({ sessionId: 's1' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
      retryable: false,
    });
    expect(attempts).toBe(1);
    await client.close();
  });
});

describe('tolerant reader over the wire', () => {
  test.each([
    ['CXF root-wrapped', '{"checkSessionResult":{"result":"SUCCESS","sessionId":"s1","status":"QUEUED"}}'],
    [
      'nulls for absent fields',
      '{"result":"SUCCESS","sessionId":"s1","status":"QUEUED","username":null,"failReason":null}',
    ],
    ['unknown extra fields', '{"result":"SUCCESS","sessionId":"s1","status":"QUEUED","queuePosition":3}'],
  ])('%s', async (_name, body) => {
    const server = await serveRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl });
    await expect(client.checkSession({ sessionId: 's1' })).resolves.toEqual({
      result: 'SUCCESS',
      sessionId: 's1',
      status: 'QUEUED',
    });
    await client.close();
  });

  test("CXF's Jettison quirks: integers as strings, the map as entry/key/value", async () => {
    const server = await serveRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"getServiceStateResult":{"result":"SUCCESS","channelId":"1003","state":{"entry":[{"key":"SUPPORT","value":"ACTIVE"},{"key":"SALES","value":"OVERTIME"}]}}}',
      );
    });
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl });
    await expect(
      client.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT', 'SALES'] }),
    ).resolves.toEqual({
      result: 'SUCCESS',
      channelId: 1003,
      state: { SUPPORT: 'ACTIVE', SALES: 'OVERTIME' },
    });
    await client.close();
  });
});

describe('headers and credentials', () => {
  async function echoServer() {
    const seen: IncomingMessage['headers'][] = [];
    const { service } = scriptedService();
    const handler = createRestHandler(service);
    const server = await serveRaw((req, res) => {
      seen.push(req.headers);
      handler(req, res);
    });
    opened.push(server);
    return { server, seen };
  }

  test('Basic credentials, extra headers and Accept go with every request', async () => {
    const { server, seen } = await echoServer();
    const client = createRestClient({
      baseUrl: `${server.baseUrl}/`,
      auth: { username: 'mcc', password: 'sécret:1' },
      headers: { 'x-tenant': 'acme' },
    });
    await client.checkSession({ sessionId: 's1' });
    await client.setSessionData({ sessionId: 's1', sessionData: 'x' });
    for (const headers of seen) {
      expect(headers.authorization).toBe(`Basic ${Buffer.from('mcc:sécret:1').toString('base64')}`);
      expect(headers['x-tenant']).toBe('acme');
      expect(headers.accept).toBe('application/json');
    }
    expect(seen[1]?.['content-type']).toBe('application/json');
    await client.close();
  });

  test('a bearer token', async () => {
    const { server, seen } = await echoServer();
    const client = createRestClient({ baseUrl: new URL(server.baseUrl), auth: { bearer: 't0k3n' } });
    await client.checkSession({ sessionId: 's1' });
    expect(seen[0]?.authorization).toBe('Bearer t0k3n');
    expect(client.baseUrl).toBe(server.baseUrl);
    await client.close();
  });
});
