import { MccClientError } from '@mcc/core';
import { createCredentialChecker } from '@mcc/http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRestClient } from '../src/client/index.js';
import { restAuthenticator } from '../src/server/index.js';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

// Authentication and rate limiting of the REST endpoint, as a deployment wires them: core's
// credential checker through restAuthenticator (Basic users, bearer API keys), and throttle.

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

async function clientError(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

describe('authentication', () => {
  let server: Listening;
  const { service, calls } = scriptedService();
  beforeAll(async () => {
    const checker = createCredentialChecker({ users: { mcc: 'sécret:1' }, apiKeys: ['k-123', 'k-456'] });
    server = await serveRest(service, { authenticate: restAuthenticator(checker), cors: true });
  });
  afterAll(() => server.close());

  test('HTTP Basic and either API key are served', async () => {
    for (const authorization of [basic('mcc', 'sécret:1'), 'Bearer k-123', 'bearer  k-456']) {
      const answer = await http(`${server.baseUrl}/checkSession?sessionId=s1`, {
        headers: { authorization },
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ result: 'SUCCESS' });
    }
  });

  test('no, wrong or unreadable credentials: 401 problem, a challenge per scheme, the service not called', async () => {
    const before = calls.length;
    for (const headers of [
      {} as Record<string, string>,
      { authorization: basic('mcc', 'sécret:2') },
      { authorization: basic('someone', 'sécret:1') },
      { authorization: 'Bearer k-789' },
      { authorization: 'Bearer' },
      { authorization: 'Basic %%%' },
      { authorization: 'Digest username="mcc"' },
    ]) {
      const answer = await http(`${server.baseUrl}/checkSession?sessionId=s1`, { headers });
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers['www-authenticate']).toEqual([
        'Basic realm="MCC", charset="UTF-8"',
        'Bearer realm="MCC"',
      ]);
      expect(answer.json).toMatchObject({
        status: 401,
        code: 'UNAUTHORIZED',
        type: 'urn:mcc:problem:unauthorized',
      });
      expect(answer.text).not.toMatch(/\n\s+at |\.ts:\d|\.js:\d|node_modules/);
    }
    // A PUT refused before its body is read.
    const put = await http(`${server.baseUrl}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 's1', sessionData: 'x' }),
    });
    expect(put.status).toBe(401);
    expect(calls.length).toBe(before);
  });

  test('the WADL, the OpenAPI document and CORS preflights stay open', async () => {
    expect((await http(`${server.origin}/mc/cxf/rest?_wadl`)).status).toBe(200);
    expect((await http(`${server.origin}/mc/cxf/rest/openapi.json`)).status).toBe(200);
    const preflight = await http(`${server.baseUrl}/setSessionData`, {
      method: 'OPTIONS',
      headers: { origin: 'https://chat.example.com', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
  });

  test('the REST client sends Basic or a bearer key; refused credentials are UNAUTHORIZED, never retried', async () => {
    const good = [
      createRestClient({ baseUrl: server.baseUrl, auth: { username: 'mcc', password: 'sécret:1' } }),
      createRestClient({ baseUrl: server.baseUrl, auth: { bearer: 'k-456' } }),
    ];
    for (const client of good) {
      expect(await client.checkSession({ sessionId: 's1' })).toMatchObject({ result: 'SUCCESS' });
      await client.close();
    }
    const retries: unknown[] = [];
    const bad = createRestClient({
      baseUrl: server.baseUrl,
      auth: { bearer: 'nope' },
      retry: { onRetry: (event) => retries.push(event) },
    });
    const error = await clientError(bad.checkSession({ sessionId: 's1' }));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401, retryable: false });
    expect(error.details).toMatchObject({ problemCode: 'UNAUTHORIZED' });
    expect(retries).toEqual([]);
    await bad.close();
  });
});

describe('throttle', () => {
  test('a refused operation is a 429 problem with Retry-After; the client waits that long and retries', async () => {
    let refuse = 1;
    const { service, calls } = scriptedService();
    const server = await serveRest(service, { throttle: () => (refuse-- > 0 ? 1 : undefined) });
    try {
      const answer = await http(`${server.baseUrl}/checkSession?sessionId=s1`);
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.json).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(calls).toEqual([]);

      refuse = 1;
      const delays: number[] = [];
      const client = createRestClient({
        baseUrl: server.baseUrl,
        retry: { onRetry: (event) => delays.push(event.delayMs) },
      });
      expect(await client.checkSession({ sessionId: 's1' })).toMatchObject({ result: 'SUCCESS' });
      expect(delays).toEqual([1000]);

      // A Retry-After beyond the client's backoff cap is not waited for.
      refuse = 1;
      const impatient = createRestClient({ baseUrl: server.baseUrl, retry: { maxDelayMs: 500 } });
      const error = await clientError(impatient.checkSession({ sessionId: 's1' }));
      expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 429, retryable: true, retryAfterMs: 1000 });
      await client.close();
      await impatient.close();
    } finally {
      await server.close();
    }
  });
});
