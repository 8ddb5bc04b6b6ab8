import { createCredentialChecker } from '@mcc/http';
import { createEngineTarget, type EngineTarget } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeResult, readEnvelope } from '../src/envelope/read-envelope.js';
import { writeUsernameToken } from '../src/security/ws-security.js';
import { createSoapHandler, soapAuthenticator } from '../src/server/index.js';
import { soapOperationBySoapName } from '../src/soap-operations.js';
import { childElement } from '../src/xml/parse-xml.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post, returnFields } from './support/soap-http.js';

// The SOAP findings of issue 15, one test each, over real HTTP: each failed before the fix.

const errors: unknown[] = [];
let open: Listening;
let guarded: Listening;
const soapUrl = (http: Listening) => `${http.origin}/mc/cxf/soap`;
const check = (id: string) => `<m:checkSessionState><sessionId>${id}</sessionId></m:checkSessionState>`;
const basic = (user: string, password: string) => ({
  'content-type': 'text/xml; charset=utf-8',
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

beforeAll(async () => {
  open = await listen(createSoapHandler(createFakeService(), { onError: (e) => errors.push(e) }));
  const checker = createCredentialChecker({ users: { mcc: 's3cret' } });
  guarded = await listen(
    createSoapHandler(createFakeService(), {
      authenticate: soapAuthenticator(checker),
      onError: (e) => errors.push(e),
    }),
  );
});
afterAll(async () => {
  await open.close();
  await guarded.close();
  expect(errors).toEqual([]);
});

async function stillServing(http: Listening, headers?: Record<string, string>): Promise<void> {
  const answer = await post(soapUrl(http), envelope(check('none')), headers);
  expect(answer.status).toBe(200);
  expect(returnFields(answer)).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
}

/** An element with `n` distinct attributes, inside a checkSessionState request (~942 KB for 110 000). */
function manyAttributes(n: number): string {
  const attributes = Array.from({ length: n }, (_, i) => `a${i.toString(36)}=""`).join(' ');
  return envelope(`<m:checkSessionState><sessionId ${attributes}>x</sessionId></m:checkSessionState>`);
}

describe('issue 15 (1): an element with 110 000 attributes', () => {
  test('is refused at the attribute limit with a Client fault, and the server keeps serving', async () => {
    const body = manyAttributes(110_000);
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1024 * 1024);
    const answer = await post(soapUrl(open), body);
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/more than 64 attributes/);
    await stillServing(open);
  });

  test('with credentials configured, a wrong Basic password is refused before the body is parsed', async () => {
    // A body that is a 400-class Client fault once parsed (attribute limit): the 401 shows it was not.
    const answer = await post(soapUrl(guarded), manyAttributes(110_000), basic('mcc', 'wrong'));
    expect(expectFault(answer, '1.1', 'Client', 401)).toBe('authentication failed');
    await stillServing(guarded, basic('mcc', 's3cret'));
  });
});

describe('issue 15 (2): prefixes named after Object.prototype members', () => {
  test.each(['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '%s: an unbound prefix is a Client fault, never a Server fault or a function’s text',
    async (prefix) => {
      const operation = envelope(
        `<${prefix}:checkSessionState><sessionId>x</sessionId></${prefix}:checkSessionState>`,
      );
      const message = expectFault(await post(soapUrl(open), operation), '1.1', 'Client');
      expect(message).toMatch(/unbound namespace prefix/);
      const root = `<${prefix}:Envelope><${prefix}:Body/></${prefix}:Envelope>`;
      const answer = await post(soapUrl(open), root);
      expect(expectFault(answer, '1.1', 'Client')).not.toMatch(/function|native code/);
      await stillServing(open);
    },
  );

  test.each([
    ['"]]>" in text', envelope(check('a]]>b'))],
    ['"--" in a comment', envelope(`<!-- a -- b -->${check('x')}`)],
    ['an XML declaration that is not first', ` ${envelope(check('x'))}`],
  ])('%s is malformed XML (a conforming parser refuses it)', async (_, body) => {
    expect(expectFault(await post(soapUrl(open), body), '1.1', 'Client')).toMatch(/^malformed XML: /);
  });
});

describe('issue 15 (9): invalid UTF-8 is refused, not silently U+FFFD', () => {
  test.each([
    ['FF', [0xff]],
    ['overlong NUL', [0xc0, 0x80]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
    ['truncated sequence', [0xe2, 0x82]],
  ])('%s in a sessionId is a Client fault', async (_, bytes) => {
    const [before, after] = envelope(check('a\u0000b')).split('\u0000') as [string, string];
    const body = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
    expect(expectFault(await post(soapUrl(open), body), '1.1', 'Client')).toBe(
      'the request body is not valid utf-8',
    );
    await stillServing(open);
  });

  test('valid UTF-8, U+FFFD written as such included, still reads', async () => {
    const answer = await post(soapUrl(open), envelope(check('é😀')));
    expect(returnFields(answer)).toMatchObject({ failReason: 'INVALID_SESSION_ID' });
  });
});

describe('issue 15 (5): every WS-Security token is checked', () => {
  const good = writeUsernameToken({ username: 'mcc', password: 's3cret' });
  const bad = writeUsernameToken({ username: 'mcc', password: 'wrong' });
  const tokenOf = (security: string) =>
    security.slice(security.indexOf('<wsse:UsernameToken>'), -'</wsse:Security>'.length);

  test('a valid token is accepted alone', async () => {
    expect((await post(soapUrl(guarded), envelope(check('x'), '1.1', good))).status).toBe(200);
  });

  test('a second Security header with a wrong password is refused', async () => {
    const answer = await post(soapUrl(guarded), envelope(check('x'), '1.1', good + bad));
    expectFault(answer, '1.1', 'Client', 401);
  });

  test('a second UsernameToken with a wrong password in the same header is refused', async () => {
    const both = good.replace('</wsse:Security>', `${tokenOf(bad)}</wsse:Security>`);
    expect(both.match(/<wsse:UsernameToken>/g)).toHaveLength(2);
    expectFault(await post(soapUrl(guarded), envelope(check('x'), '1.1', both)), '1.1', 'Client', 401);
  });

  test('a token without a Username next to valid Basic credentials is refused', async () => {
    const broken = good.replace(/<wsse:Username>.*?<\/wsse:Username>/, '');
    const answer = await post(soapUrl(guarded), envelope(check('x'), '1.1', broken), basic('mcc', 's3cret'));
    expectFault(answer, '1.1', 'Client', 401);
  });
});

describe('issue 15 (8): getServiceState with a service code named __proto__', () => {
  let target: EngineTarget;
  let served: Listening;
  beforeAll(async () => {
    target = await createEngineTarget();
    served = await listen(createSoapHandler(target.engine, { onError: (e) => errors.push(e) }));
  });
  afterAll(async () => {
    await served.close();
    await target.close();
  });

  test('answers UNKNOWN_SERVICE for it, on the wire and as the client reads it', async () => {
    const codes = ['SUPPORT', '__proto__', 'constructor'];
    const request = `<m:getServiceState><channelId>1003</channelId>${codes.map((c) => `<serviceCodes>${c}</serviceCodes>`).join('')}</m:getServiceState>`;
    const answer = await post(soapUrl(served), envelope(request));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<key>__proto__</key><value>UNKNOWN_SERVICE</value>');
    // What a client reads from it: the envelope reader's map keeps the entry.
    const op = soapOperationBySoapName('getServiceState')!;
    const returned = childElement(readEnvelope(answer.text).payload!, 'return')!;
    const state = decodeResult(op, returned).state as Record<string, string>;
    expect(Object.getOwnPropertyDescriptor(state, '__proto__')?.value).toBe('UNKNOWN_SERVICE');
    expect(Object.keys(state).sort()).toEqual([...codes].sort());
  });
});
