import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MccClientError } from '@mcc/core';
import { createCredentialChecker } from '@mcc/http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapClient } from '../src/client/index.js';
import { writeUsernameToken } from '../src/security/ws-security.js';
import { createReplayGuard, createSoapHandler, soapAuthenticator } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post } from './support/soap-http.js';

// Authentication and rate limiting of the SOAP endpoint, as a deployment wires them: core's
// credential checker, soapAuthenticator (Basic or UsernameToken with replay protection), throttle.

const check = (id: string) => `<m:checkSessionState><sessionId>${id}</sessionId></m:checkSessionState>`;
const basic = (user: string, password: string) => ({
  'content-type': 'text/xml; charset=utf-8',
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const MINUTE = 60_000;

async function clientError(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

let http: Listening;
let url: string;
beforeAll(async () => {
  const checker = createCredentialChecker({ users: { mcc: 's3cret', 'crm bot': 'pässwörd:2' } });
  http = await listen(createSoapHandler(createFakeService(), { authenticate: soapAuthenticator(checker) }));
  url = `${http.origin}/mc/cxf/soap`;
});
afterAll(() => http.close());

describe('HTTP Basic', () => {
  test('the right password is served, a wrong one or none is a Client fault with 401 and a challenge', async () => {
    expect((await post(url, envelope(check('x')), basic('mcc', 's3cret'))).status).toBe(200);
    expect((await post(url, envelope(check('x')), basic('crm bot', 'pässwörd:2'))).status).toBe(200);
    for (const headers of [
      basic('mcc', 'S3cret'),
      basic('nobody', 's3cret'),
      { 'content-type': 'text/xml', authorization: 'Basic !!!' },
      { 'content-type': 'text/xml', authorization: 'Bearer s3cret' },
      { 'content-type': 'text/xml' },
    ]) {
      const answer = await post(url, envelope(check('x')), headers);
      expect(expectFault(answer, '1.1', 'Client', 401)).toBe('authentication failed');
      expect(answer.headers['www-authenticate']).toContain('Basic realm="MCC"');
    }
  });

  test('the WSDL stays open (clients load it before they can sign anything)', async () => {
    const response = await fetch(`${url}?wsdl`);
    expect(response.status).toBe(200);
  });
});

describe('WS-Security UsernameToken', () => {
  test.each(['text', 'digest'] as const)('%s password, from this package’s client', async (passwordType) => {
    const client = createSoapClient({
      baseUrl: url,
      auth: { username: 'mcc', password: 's3cret', scheme: 'ws-security', passwordType },
    });
    // Two calls: the digest client draws a new nonce for each, so the second is not a replay.
    expect(await client.checkSession({ sessionId: 'x' })).toMatchObject({ result: 'FAILED' });
    expect(await client.checkSession({ sessionId: 'y' })).toMatchObject({ result: 'FAILED' });
  });

  test.each(['text', 'digest'] as const)(
    'a wrong %s password is UNAUTHORIZED for the client',
    async (passwordType) => {
      const client = createSoapClient({
        baseUrl: url,
        auth: { username: 'mcc', password: 'guess', scheme: 'ws-security', passwordType },
      });
      const error = await clientError(client.checkSession({ sessionId: 'x' }));
      expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401, retryable: false });
    },
  );

  test('a digest token sent twice is refused the second time (replayed nonce)', async () => {
    const token = writeUsernameToken({ username: 'mcc', password: 's3cret', passwordType: 'digest' });
    expect((await post(url, envelope(check('x'), '1.1', token))).status).toBe(200);
    expectFault(await post(url, envelope(check('x'), '1.1', token)), '1.1', 'Client', 401);
  });

  test('a digest token created outside the freshness window is refused, even with a right password', async () => {
    const nonce = () => randomBytes(16).toString('base64');
    const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
    const stale = writeUsernameToken({
      username: 'mcc',
      password: 's3cret',
      passwordType: 'digest',
      nonce: nonce(),
      created: at(-6 * MINUTE),
    });
    expectFault(await post(url, envelope(check('x'), '1.1', stale)), '1.1', 'Client', 401);
    const future = writeUsernameToken({
      username: 'mcc',
      password: 's3cret',
      passwordType: 'digest',
      nonce: nonce(),
      created: at(5 * MINUTE),
    });
    expectFault(await post(url, envelope(check('x'), '1.1', future)), '1.1', 'Client', 401);
    // Within the window, and a little ahead of this clock (skew): accepted.
    for (const offset of [-4 * MINUTE, 30_000]) {
      const fresh = writeUsernameToken({
        username: 'mcc',
        password: 's3cret',
        passwordType: 'digest',
        nonce: nonce(),
        created: at(offset),
      });
      expect((await post(url, envelope(check('x'), '1.1', fresh))).status).toBe(200);
    }
  });

  test('Basic and a token together must both be right', async () => {
    const token = writeUsernameToken({ username: 'mcc', password: 's3cret' });
    expect((await post(url, envelope(check('x'), '1.1', token), basic('mcc', 's3cret'))).status).toBe(200);
    expectFault(
      await post(url, envelope(check('x'), '1.1', token), basic('mcc', 'no')),
      '1.1',
      'Client',
      401,
    );
  });

  test('zeep’s UsernameToken (text and digest) is accepted, a wrong password refused', async () => {
    const script = fileURLToPath(new URL('./interop/zeep_wsse.py', import.meta.url));
    const { stdout } = await promisify(execFile)(
      '/usr/bin/python3',
      [script, `${url}?wsdl`, 'mcc', 's3cret'],
      {
        timeout: 60_000,
      },
    );
    expect(stdout).toContain('text ok');
    expect(stdout).toContain('digest ok');
    expect(stdout).toContain('wrong password refused ok');
  });
});

describe('the replay guard', () => {
  const token = (nonce: string | undefined, created: string | undefined) => ({
    username: 'u',
    password: 'p',
    passwordType: 'digest' as const,
    ...(nonce ? { nonce } : {}),
    ...(created ? { created } : {}),
  });

  test('refuses stale, future, malformed and replayed tokens; forgets nonces once they are stale', () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const guard = createReplayGuard({ now: () => now });
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(guard.check(token('n1', iso(now - 6 * MINUTE)))).toBe('stale');
    expect(guard.check(token('n1', iso(now + 2 * MINUTE)))).toBe('future');
    expect(guard.check(token('n1', 'yesterday'))).toBe('malformed');
    expect(guard.check(token('n1', undefined))).toBe('malformed');
    const first = token('n1', iso(now));
    expect(guard.check(first)).toBeUndefined();
    expect(guard.remember(first)).toBe(true);
    expect(guard.check(first)).toBe('replayed');
    expect(guard.remember(first)).toBe(false);
    now += 10 * MINUTE;
    expect(guard.check(first)).toBe('stale');
  });

  test('when full, the oldest nonce is forgotten and tokens created before it become stale', () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const guard = createReplayGuard({ now: () => now, maxNonces: 2 });
    const iso = (ms: number) => new Date(ms).toISOString();
    const a = token('a', iso(now - 3000));
    const b = token('b', iso(now - 2000));
    const c = token('c', iso(now - 1000));
    for (const t of [a, b, c]) {
      expect(guard.check(t)).toBeUndefined();
      expect(guard.remember(t)).toBe(true);
    }
    // `a` was forgotten to make room: replaying it is refused all the same.
    expect(guard.check(a)).toBe('stale');
    expect(guard.check(c)).toBe('replayed');
    now += 1;
    expect(guard.check(token('d', iso(now)))).toBeUndefined();
  });
});

describe('throttle', () => {
  test('a refused request is a Server fault with HTTP 500 (R1126) and Retry-After; the client retries after it', async () => {
    let refuse = 1;
    const throttled = await listen(
      createSoapHandler(createFakeService(), { throttle: () => (refuse-- > 0 ? 1 : undefined) }),
    );
    try {
      const target = `${throttled.origin}/mc/cxf/soap`;
      const answer = await post(target, envelope(check('x')));
      expectFault(answer, '1.1', 'Server', 500);
      expect(answer.headers['retry-after']).toBe('1');
      const soap12 = await post(target, envelope(check('x'), '1.2'), {
        'content-type': 'application/soap+xml; charset=utf-8',
      });
      expect(soap12.status).toBe(200);

      refuse = 1;
      const retries: number[] = [];
      const client = createSoapClient({
        baseUrl: target,
        retry: { onRetry: (event) => retries.push(event.delayMs) },
      });
      expect(await client.checkSession({ sessionId: 'x' })).toMatchObject({ result: 'FAILED' });
      expect(retries).toEqual([1000]);
    } finally {
      await throttled.close();
    }
  });
});
