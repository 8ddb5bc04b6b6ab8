import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Prism, startPrism } from './prism.js';
import { listenRestMatrix, MATRIX_TOKEN, type RestMatrix, THROTTLE_HEADER } from './rest-matrix-server.js';

// The REST traffic of the matrix's scenarios through Prism's validating proxy
// (`prism proxy --errors`): every answer of the server is checked against the OpenAPI document it
// serves, and with --errors a violation replaces the answer with Prism's own error — so an answer
// that arrives unchanged (status, problem code, no sl-violations header) had zero violations.
// Well-formed requests go through a proxy that validates requests too; the deliberately bad ones
// (400, 401, 413, 414, 415) through one that validates answers only. Prism routes every request
// against the document before proxying, so an unknown path (404) and an unknown method (405) are
// answered by Prism itself and never reach the server: those two answers are checked here against
// the document's own response schema for their status (Ajv).
const auth = { authorization: `Bearer ${MATRIX_TOKEN}` };

let server: RestMatrix;
let documentJson: {
  components: unknown;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};
let dir: string;
let strict: Prism;
let answersOnly: Prism;

beforeAll(async () => {
  server = await listenRestMatrix();
  dir = await mkdtemp(join(tmpdir(), 'mcc-prism-'));
  const document = join(dir, 'openapi.json');
  const text = await (await fetch(`${server.origin}/mc/cxf/rest/openapi.json`)).text();
  documentJson = JSON.parse(text);
  await writeFile(document, text);
  [strict, answersOnly] = await Promise.all([
    startPrism(document, server.baseUrl, true),
    startPrism(document, server.baseUrl, false),
  ]);
}, 120_000);
afterAll(async () => {
  strict?.process.kill();
  answersOnly?.process.kill();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A scenario's request, sent through a proxy: the answer, checked for Prism's violation markers. */
async function through(prism: Prism, path: string, init: RequestInit = {}) {
  const response = await fetch(`${prism.origin}${path}`, init);
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.headers.get('sl-violations'), JSON.stringify(body)).toBeNull();
  expect(String(body.type ?? ''), JSON.stringify(body)).not.toContain('stoplight.io/prism');
  return { status: response.status, headers: response.headers, body };
}

const json = (body: string) => ({
  method: 'PUT',
  headers: { ...auth, 'content-type': 'application/json' },
  body,
});

describe('well-formed requests (requests and answers validated)', () => {
  test('the eight operations succeed', async () => {
    const calls: [string, RequestInit?][] = [
      ['/startSession?channelId=1003&serviceid=SUPPORT&sessionId=prism-1&data=hello'],
      ['/sessionAccept?sessionId=prism-1'],
      ['/checkSession?sessionId=prism-1'],
      ['/setSessionData', json('{"sessionId":"prism-1","sessionData":"step 2"}')],
      ['/checkSessionWithData?sessionId=prism-1'],
      ['/getServiceState?channelId=1003&serviceCodes=SUPPORT'],
      ['/logoutAgentFromChannel?channelId=1003&agentUsername=bob'],
      ['/closeSession?sessionId=prism-1'],
    ];
    for (const [path, init] of calls) {
      const answer = await through(strict, path, { headers: auth, ...init });
      expect([path, answer.status, answer.body.result]).toEqual([path, 200, 'SUCCESS']);
    }
  });

  test('a business failure is a 200 FAILED result', async () => {
    const answer = await through(strict, '/startSession?channelId=1003&serviceid=NOPE', { headers: auth });
    expect(answer).toMatchObject({ status: 200, body: { result: 'FAILED', failReason: 'UNKNOWN_SERVICE' } });
  });

  test('429: the TOO_MANY_REQUESTS problem with Retry-After', async () => {
    const answer = await through(strict, '/checkSession?sessionId=prism-1', {
      headers: { ...auth, [THROTTLE_HEADER]: '1' },
    });
    expect(answer).toMatchObject({ status: 429, body: { code: 'TOO_MANY_REQUESTS', status: 429 } });
    expect(answer.headers.get('retry-after')).toBe('9');
  });

  test('503: the SERVICE_UNAVAILABLE problem with Retry-After', async () => {
    const answer = await through(strict, '/checkSession?sessionId=unavailable', { headers: auth });
    expect(answer).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', status: 503 } });
    expect(answer.headers.get('retry-after')).toBe('7');
  });
});

describe('bad requests (answers validated)', () => {
  // Prism re-serialises a JSON body before proxying it (a duplicate key would be lost) and never
  // answers a body it cannot parse; nesting deeper than the server's limit survives the trip.
  test('400: JSON nested deeper than the limit', async () => {
    const answer = await through(
      answersOnly,
      '/setSessionData',
      json(`${'['.repeat(300)}${']'.repeat(300)}`),
    );
    expect(answer).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON', status: 400 } });
  });

  test('401: a wrong bearer token', async () => {
    const answer = await through(answersOnly, '/checkSession?sessionId=prism-1', {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(answer).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', status: 401 } });
  });

  test('413: a body over the limit', async () => {
    const body = JSON.stringify({ sessionId: 'prism-1', sessionData: 'x'.repeat(2 * 1024 * 1024) });
    const answer = await through(answersOnly, '/setSessionData', json(body));
    expect(answer).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', status: 413 } });
  });

  test('414: a URL over the limit', async () => {
    const answer = await through(answersOnly, `/checkSession?sessionId=${'a'.repeat(1_100_000)}`, {
      headers: auth,
    });
    expect(answer).toMatchObject({ status: 414, body: { code: 'URI_TOO_LONG', status: 414 } });
  });

  test('415: a body that is not JSON', async () => {
    const answer = await through(answersOnly, '/setSessionData', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'sessionId=prism-1',
    });
    expect(answer).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 } });
  });
});

describe('answers Prism cannot proxy (checked against the document directly)', () => {
  test.each([
    [404, 'NOT_FOUND', '/noSuchOperation', 'GET'],
    [405, 'METHOD_NOT_ALLOWED', '/checkSession?sessionId=prism-1', 'POST'],
  ])('%i: the %s problem matches the response the document declares', async (status, code, path, method) => {
    const response = await fetch(`${server.baseUrl}${path}`, { method, headers: auth });
    const body = await response.json();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ code, status });
    const declared = documentJson.paths['/checkSession']?.get?.responses[String(status)];
    expect(declared, `the document declares ${status}`).toBeDefined();
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'mcc', components: documentJson.components }, 'mcc');
    const ref = (declared as { $ref: string }).$ref.replace('#', 'mcc#');
    const validate = ajv.compile({ $ref: `${ref}/content/application~1problem+json/schema` });
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the judge itself', () => {
  test("an answer that violates the document is replaced by Prism's error", async () => {
    const liar = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"result":"MAYBE"}');
    });
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const { port } = liar.address() as AddressInfo;
    const judge = await startPrism(join(dir, 'openapi.json'), `http://127.0.0.1:${port}`, false);
    try {
      const response = await fetch(`${judge.origin}/checkSession?sessionId=prism-1`, { headers: auth });
      const body = (await response.json()) as { type?: string };
      expect(response.status).toBe(500);
      expect(body.type).toContain('stoplight.io/prism/errors#VIOLATIONS');
    } finally {
      judge.process.kill();
      liar.closeAllConnections();
      await new Promise((resolve) => liar.close(resolve));
    }
  });
});
