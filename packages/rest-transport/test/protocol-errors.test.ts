import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_URL_LENGTH,
  HEADER_FIELDS_ROOM,
  PROBLEM_MEDIA_TYPE,
} from '../src/server/index.js';
import { http, type RawAnswer } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const errors: unknown[] = [];
const { service, calls } = scriptedService((_operation, request) => {
  if (request.sessionId === 'explode') throw new Error('secret internal failure at /srv/app/engine.ts:42');
  return undefined;
});
let server: Listening;

beforeAll(async () => {
  server = await serveRest(service, { onError: (error) => errors.push(error) });
});
afterAll(() => server.close());

function expectProblem(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe(PROBLEM_MEDIA_TYPE);
  expect(answer.json).toMatchObject({ status, code, type: expect.stringMatching(/^urn:mcc:problem:/) });
  expect(answer.text).not.toMatch(/\n\s+at |node_modules|\/src\/|\.ts:/);
}

async function expectStillServing() {
  const answer = await http(`${server.baseUrl}/checkSession?sessionId=alive`);
  expect(answer.json).toMatchObject({ result: 'SUCCESS', sessionId: 'alive' });
}

const putJson = (body: string, contentType = 'application/json') =>
  http(`${server.baseUrl}/setSessionData`, { method: 'PUT', headers: { 'content-type': contentType }, body });

describe('404 unknown path', () => {
  test.each([
    '/mc/cxf/rest/json/noSuchOperation',
    '/mc/cxf/rest/json/startsession',
    '/mc/cxf/rest/json/startSession/extra',
    '/mc/cxf/rest/json/%2e%2e/soap',
    '/mc/cxf/rest?wadl',
    '/elsewhere',
  ])('%s', async (path) => {
    const answer = await http(`${server.origin}${path}`);
    expectProblem(answer, 404, 'NOT_FOUND');
    expect(answer.headers.connection).toBe('keep-alive');
    await expectStillServing();
  });

  test('a trailing slash is tolerated', async () => {
    const answer = await http(`${server.baseUrl}/checkSession/?sessionId=s1`);
    expect(answer.json).toMatchObject({ result: 'SUCCESS', sessionId: 's1' });
  });
});

describe('405 wrong method, with Allow', () => {
  test.each([
    ['POST', 'checkSession', 'GET, OPTIONS'],
    ['DELETE', 'closeSession', 'GET, OPTIONS'],
    ['PUT', 'startSession', 'GET, OPTIONS'],
    ['HEAD', 'startSession', 'GET, OPTIONS'],
    ['PATCH', 'sessionAccept', 'GET, OPTIONS'],
    ['GET', 'setSessionData', 'PUT, OPTIONS'],
    ['DELETE', 'setSessionData', 'PUT, OPTIONS'],
  ])('%s /%s', async (method, operation, allow) => {
    const before = calls.length;
    const answer = await http(`${server.baseUrl}/${operation}?sessionId=s1&channelId=1&serviceid=S`, {
      method,
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    if (method !== 'HEAD') expectProblem(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(calls.length, 'the service is not called').toBe(before);
    await expectStillServing();
  });

  test('DELETE on the WADL', async () => {
    const answer = await http(`${server.origin}/mc/cxf/rest?_wadl`, { method: 'DELETE' });
    expectProblem(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('OPTIONS', () => {
  test('answers 204 with Allow and calls nothing', async () => {
    const before = calls.length;
    const answer = await http(`${server.baseUrl}/startSession?channelId=1&serviceid=S`, {
      method: 'OPTIONS',
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.allow).toBe('GET, OPTIONS');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(calls.length).toBe(before);
  });
});

describe('415 wrong media type on PUT', () => {
  test.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['application/xml'],
    ['application/json; charset=iso-8859-1'],
    ['application/jsonp'],
  ])('%s', async (contentType) => {
    const answer = await putJson('{"sessionId":"s1"}', contentType);
    expectProblem(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // The body was drained before the answer (bounded): the connection stays usable.
    expect(answer.headers.connection).toBe('keep-alive');
    await expectStillServing();
  });

  test('no Content-Type at all', async () => {
    const answer = await http(`${server.baseUrl}/setSessionData`, {
      method: 'PUT',
      body: '{"sessionId":"s1"}',
    });
    expectProblem(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('JSON with parameters and +json types are accepted', async () => {
    for (const type of [
      'application/json; charset=UTF-8',
      'Application/JSON',
      'application/merge-patch+json',
    ]) {
      expect((await putJson('{"sessionId":"s1"}', type)).json).toMatchObject({ result: 'SUCCESS' });
    }
  });
});

describe('400 malformed JSON', () => {
  test.each([['{'], ['{"sessionId":"s1",}'], [''], ['sessionId=s1'], ["{'sessionId':'s1'}"], ['\u0000']])(
    '%j',
    async (body) => {
      const before = calls.length;
      expectProblem(await putJson(body), 400, 'MALFORMED_JSON');
      expect(calls.length).toBe(before);
      await expectStillServing();
    },
  );
});

describe('413 body over the limit', () => {
  test('a declared Content-Length over the limit', async () => {
    const body = JSON.stringify({ sessionId: 's1', sessionData: 'z'.repeat(DEFAULT_MAX_BODY_BYTES) });
    const answer = await putJson(body);
    expectProblem(answer, 413, 'PAYLOAD_TOO_LARGE');
    // Drained (within DEFAULT_DRAIN_LIMITS) before the answer: no reset, the connection is kept.
    expect(answer.headers.connection).toBe('keep-alive');
    await expectStillServing();
  });

  test('a chunked body that grows over the limit', async () => {
    const chunk = Buffer.from('x'.repeat(16 * 1024));
    const stream = Readable.from(
      (async function* () {
        yield Buffer.from('{"sessionId":"s1","sessionData":"');
        for (let i = 0; i < 8; i++) yield chunk;
        yield Buffer.from('"}');
      })(),
    );
    const { request } = await import('undici');
    const response = await request(`${server.baseUrl}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: stream,
    }).catch((error: Error) => error);
    if (response instanceof Error) {
      // The server may close the connection before the client finished sending: that is a refusal too.
      expect(response.message).toMatch(/closed|reset|EPIPE|socket/i);
    } else {
      expect(response.statusCode).toBe(413);
      await response.body.text();
    }
    await expectStillServing();
  });

  test('a body just under the limit is read', async () => {
    const envelope = JSON.stringify({ sessionId: 's1', sessionData: '' }).length;
    const body = JSON.stringify({
      sessionId: 's1',
      sessionData: 'k'.repeat(DEFAULT_MAX_BODY_BYTES - envelope),
    });
    expect(Buffer.byteLength(body)).toBe(DEFAULT_MAX_BODY_BYTES);
    const answer = await putJson(body);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_RESPONSE' });
  });

  test('the limit is configurable', async () => {
    const small = await serveRest(service, { maxBodyBytes: 32 });
    try {
      const answer = await http(`${small.baseUrl}/setSessionData`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 's1', sessionData: 'more than thirty-two bytes' }),
      });
      expectProblem(answer, 413, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

describe('very long URLs', () => {
  test('over maxUrlLength: 414', async () => {
    const small = await serveRest(service, { maxUrlLength: 2048 });
    try {
      const answer = await http(`${small.baseUrl}/checkSession?sessionId=${'a'.repeat(4096)}`);
      expectProblem(answer, 414, 'URI_TOO_LONG');
      const ok = await http(`${small.baseUrl}/checkSession?sessionId=short`);
      expect(ok.json).toMatchObject({ result: 'SUCCESS' });
    } finally {
      await small.close();
    }
  });

  test('over the server header limit too: still a 414 problem (not a bare 431), and it keeps serving', async () => {
    const length = DEFAULT_MAX_URL_LENGTH + HEADER_FIELDS_ROOM + 100_000;
    const answer = await http(`${server.baseUrl}/checkSession?sessionId=${'a'.repeat(length)}`);
    expectProblem(answer, 414, 'URI_TOO_LONG');
    expect(answer.headers.connection).toBe('close');
    await expectStillServing();
  });

  test("between maxUrlLength and the header limit: the handler's 414 problem", async () => {
    const answer = await http(
      `${server.baseUrl}/checkSession?sessionId=${'a'.repeat(DEFAULT_MAX_URL_LENGTH)}`,
    );
    expectProblem(answer, 414, 'URI_TOO_LONG');
    await expectStillServing();
  });

  test('header fields over the limit: a 431 problem', async () => {
    const answer = await http(`${server.baseUrl}/checkSession?sessionId=x`, {
      headers: { 'x-padding': 'p'.repeat(DEFAULT_MAX_URL_LENGTH + HEADER_FIELDS_ROOM) },
    });
    expectProblem(answer, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
    await expectStillServing();
  });

  test('65 536 × "é" percent-encoded (the data limit, 393 216 characters of URL) fits the defaults', async () => {
    const answer = await http(
      `${server.baseUrl}/startSession?channelId=1003&serviceid=S&data=${'%C3%A9'.repeat(64 * 1024)}`,
    );
    expect(answer.json).toMatchObject({ result: 'SUCCESS' });
    expect((calls.at(-1)!.request as { data: string }).data).toHaveLength(64 * 1024);
  });

  test('65 536 × "€" (9 URL characters each) fits the defaults too', async () => {
    const answer = await http(
      `${server.baseUrl}/startSession?channelId=1003&serviceid=S&data=${'%E2%82%AC'.repeat(64 * 1024)}`,
    );
    expect(answer.json).toMatchObject({ result: 'SUCCESS' });
  });

  test('64 KiB of startSession data in the query fits the defaults', async () => {
    const answer = await http(
      `${server.baseUrl}/startSession?channelId=1003&serviceid=S&data=${'%C3%A9'.repeat(32 * 1024)}`,
    );
    expect(answer.json).toMatchObject({ result: 'SUCCESS' });
    expect((calls.at(-1)!.request as { data: string }).data).toHaveLength(32 * 1024);
  });
});

describe('500 when the service throws and the operation has no fail reason for it', () => {
  test('checkSession: a problem without the error text or a stack, reported to onError', async () => {
    errors.length = 0;
    const answer = await http(`${server.baseUrl}/checkSession?sessionId=explode`);
    expectProblem(answer, 500, 'INTERNAL_ERROR');
    expect(answer.text).not.toContain('secret');
    expect(errors).toHaveLength(1);
    await expectStillServing();
  });

  test('startSession: the thrown error becomes its GENERIC fail reason', async () => {
    const answer = await http(`${server.baseUrl}/startSession?channelId=1&serviceid=S&sessionId=explode`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'GENERIC' });
    expect(answer.text).not.toContain('secret');
  });
});

describe('garbage on the socket', () => {
  test('a request line that is not HTTP gets 400 from Node and the server keeps serving', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await expectStillServing();
  });

  test('a Content-Length larger than the body sent, then a hang-up', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'PUT /mc/cxf/rest/json/setSessionData HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sess',
        );
        socket.destroy();
        resolve();
      });
    });
    await expectStillServing();
  });
});
