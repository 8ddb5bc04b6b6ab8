import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { type Answer, envelope, expectFault, post, returnFields } from './support/soap-http.js';

// Hostile input: each request is answered with a proper Client fault, and the server keeps
// serving (a normal call succeeds after every one of them).
let http: Listening;
let url: string;
const errors: unknown[] = [];

beforeAll(async () => {
  http = await listen(createSoapHandler(createFakeService(), { onError: (e) => errors.push(e) }));
  url = `${http.origin}/mc/cxf/soap`;
});
afterAll(() => http.close());

async function stillServing(): Promise<void> {
  const answer = await post(
    url,
    envelope('<m:checkSessionState><sessionId>none</sessionId></m:checkSessionState>'),
  );
  expect(answer.status).toBe(200);
  expect(returnFields(answer)).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
}

/** Sends a body with node:http (so that a body the server refuses early can still be observed). */
function rawPost(body: Buffer, headers: Record<string, string | number>, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we are still writing; only a missing answer is a failure.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (chunked) {
      const piece = body.subarray(0, 64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < body.length) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else req.end(body);
  });
}

const ENVELOPE_OPEN =
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://mcc.tvox/">';

describe('hostile input', () => {
  test('XXE: a DOCTYPE with an external entity is refused, nothing is read', async () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      `${ENVELOPE_OPEN}<s:Body><m:checkSessionState><sessionId>&xxe;</sessionId></m:checkSessionState></s:Body></s:Envelope>`;
    const answer = await post(url, body);
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/document type declarations/);
    expect(answer.text).not.toContain('root:');
    await stillServing();
  });

  test('billion laughs: entity declarations are refused before any expansion', async () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++)
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const body = `<?xml version="1.0"?><!DOCTYPE lolz [${entities.join('')}]>${ENVELOPE_OPEN}<s:Body><m:checkSessionState><sessionId>&lol9;</sessionId></m:checkSessionState></s:Body></s:Envelope>`;
    expectFault(await post(url, body), '1.1', 'Client');
    await stillServing();
  });

  test('an entity declaration inside the document is refused too', async () => {
    const body = `${ENVELOPE_OPEN}<!ENTITY x "y"><s:Body/></s:Envelope>`;
    expectFault(await post(url, body), '1.1', 'Client');
  });

  test('a 10 MB body with a Content-Length is refused without being read', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const answer = await rawPost(big, { 'content-type': 'text/xml', 'content-length': big.length });
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/exceeds 1048576 bytes/);
    await stillServing();
  });

  test('a 10 MB chunked body is cut off at the limit', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const answer = await rawPost(big, { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' }, true);
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/exceeds 1048576 bytes/);
    await stillServing();
  });

  test('a gzip bomb is refused once inflated past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const answer = await post(url, bomb, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/once decompressed/);
    await stillServing();
  });

  test('a gzip body that is not gzip, and an unknown encoding, are Client faults', async () => {
    const notGzip = await post(url, 'plain', { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
    expectFault(notGzip, '1.1', 'Client');
    const unknown = await post(url, 'x', { 'content-type': 'text/xml', 'content-encoding': 'compress' });
    expect(expectFault(unknown, '1.1', 'Client')).toMatch(/unsupported content encoding/);
  });

  test('10 000-deep nesting is refused', async () => {
    const deep = `${ENVELOPE_OPEN}<s:Body>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</s:Body></s:Envelope>`;
    expect(expectFault(await post(url, deep), '1.1', 'Client')).toMatch(/nest deeper than 64/);
    await stillServing();
  });

  test.each([
    ['random bytes', Buffer.from([0xff, 0x00, 0x3c, 0x12, 0x99, 0x3e, 0x00])],
    ['plain text', 'hello, is this SOAP?'],
    ['JSON', '{"sessionId":"x"}'],
    ['unclosed tags', `${ENVELOPE_OPEN}<s:Body><m:checkSessionState>`],
    ['mismatched tags', `${ENVELOPE_OPEN}<s:Body></s:Envelope></s:Body>`],
    ['an undeclared prefix', '<x:Envelope><x:Body/></x:Envelope>'],
    ['an undefined entity', `${ENVELOPE_OPEN}<s:Body>&nbsp;</s:Body></s:Envelope>`],
    ['XML that is not an envelope', '<html><body>hi</body></html>'],
    ['an envelope without Body', `${ENVELOPE_OPEN}</s:Envelope>`],
  ])('garbage: %s', async (_name, body) => {
    expectFault(await post(url, body), '1.1', 'Client');
    await stillServing();
  });

  test('an empty body and an empty Body element', async () => {
    expect(expectFault(await post(url, ''), '1.1', 'Client')).toMatch(/empty/);
    expect(expectFault(await post(url, envelope('')), '1.1', 'Client')).toMatch(/Body is empty/);
    await stillServing();
  });

  test('a wrong SOAPAction', async () => {
    const body = envelope('<m:checkSessionState><sessionId>x</sessionId></m:checkSessionState>');
    const answer = await post(url, body, {
      'content-type': 'text/xml',
      soapaction: '"http://mcc.tvox/closeSession"',
    });
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/SOAPAction/);
    await stillServing();
  });

  test('an unknown operation, and a known one in another namespace', async () => {
    expect(expectFault(await post(url, envelope('<m:dropTables/>')), '1.1', 'Client')).toMatch(
      /unknown operation/,
    );
    const foreign = envelope(
      '<o:checkSessionState xmlns:o="urn:other"><sessionId>x</sessionId></o:checkSessionState>',
    );
    expectFault(await post(url, foreign), '1.1', 'Client');
    await stillServing();
  });

  test('a wrong content type', async () => {
    const body = envelope('<m:checkSessionState><sessionId>x</sessionId></m:checkSessionState>');
    const answer = await post(url, body, { 'content-type': 'application/json' });
    expect(expectFault(answer, '1.1', 'Client')).toMatch(/unsupported content type/);
    await stillServing();
  });

  test('no unexpected error reached onError', () => {
    expect(errors).toEqual([]);
  });
});
