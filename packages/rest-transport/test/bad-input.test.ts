import { operationNames, operations, type Param } from '@mcc/core';
import { createEngineTarget, type EngineTarget, seededRandom } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restBindings } from '../src/server/index.js';
import { http, type RawAnswer } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const { service, calls } = scriptedService();
let server: Listening;

beforeAll(async () => {
  server = await serveRest(service);
});
afterAll(() => server.close());

type Query = [string, string][];

function validValue(param: Param): string {
  if (param.kind === 'int') return '1003';
  if (param.kind === 'enum') return param.enum!.options[0] as string;
  if (param.kind === 'strings') return 'SUPPORT';
  return 'x1';
}

function validQuery(operation: (typeof operationNames)[number]): Query {
  const request = operations[operation].request as Record<string, Param>;
  return Object.entries(request).map(([name, param]) => [name, validValue(param)]);
}

function encode(query: Query): string {
  return query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

async function getOperation(operation: string, query: string) {
  return http(`${server.baseUrl}/${operation}${query ? `?${query}` : ''}`);
}

async function expectFailed(operation: string, query: string, failReason: string) {
  const before = calls.length;
  const answer = await getOperation(operation, query);
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ result: 'FAILED', failReason });
  expect(calls.length, 'invalid input must not reach the service').toBe(before);
}

async function expectServed(operation: string, query: string) {
  const before = calls.length;
  const answer = await getOperation(operation, query);
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ result: 'SUCCESS' });
  expect(calls.length).toBe(before + 1);
  return calls.at(-1)!.request as Record<string, unknown>;
}

/** The server still answers a valid call after whatever came before. */
async function expectStillServing() {
  await expectServed('checkSession', 'sessionId=alive');
}

const queryOperations = operationNames.filter((operation) => restBindings[operation].input === 'query');

describe.each(queryOperations)('GET /%s', (operation) => {
  const params = Object.entries(operations[operation].request as Record<string, Param>);

  test('valid input reaches the service as a typed request', async () => {
    const request = await expectServed(operation, encode(validQuery(operation)));
    for (const [name, param] of params) {
      const expected =
        param.kind === 'int' ? 1003 : param.kind === 'strings' ? ['SUPPORT'] : validValue(param);
      expect(request[name]).toEqual(expected);
    }
  });

  test.each(params.filter(([, p]) => p.required))('missing required %s', async (name, param) => {
    await expectFailed(operation, encode(validQuery(operation).filter(([k]) => k !== name)), param.missing!);
    await expectStillServing();
  });

  test.each(params.filter(([, p]) => p.required))('blank required %s', async (name, param) => {
    const query = validQuery(operation).map(([k, v]): [string, string] => [k, k === name ? '  ' : v]);
    await expectFailed(operation, encode(query), param.missing!);
    await expectFailed(operation, encode(query).replace(`${name}=%20%20`, name), param.missing!);
    await expectStillServing();
  });

  test.each(params.filter(([, p]) => !p.required))('blank optional %s counts as absent', async (name) => {
    const query = validQuery(operation).map(([k, v]): [string, string] => [k, k === name ? '' : v]);
    const request = await expectServed(operation, encode(query));
    expect(request).not.toHaveProperty(name);
  });

  test.each(params.filter(([, p]) => p.kind === 'int'))('non-numeric %s', async (name, param) => {
    for (const bad of ['abc', '1.5', '0x10', '99', '-1', '1e3', '99999999999999999999']) {
      const query = validQuery(operation).map(([k, v]): [string, string] => [k, k === name ? bad : v]);
      await expectFailed(operation, encode(query), param.invalid);
    }
    await expectStillServing();
  });

  test.each(params.filter(([, p]) => p.maxLength !== undefined))('oversized %s', async (name, param) => {
    const query = validQuery(operation).map(([k, v]): [string, string] => [
      k,
      k === name ? 'x'.repeat(param.maxLength! + 1) : v,
    ]);
    await expectFailed(operation, encode(query), param.invalid);
    const fits = validQuery(operation).map(([k, v]): [string, string] => [
      k,
      k === name ? 'y'.repeat(param.maxLength!) : v,
    ]);
    const request = await expectServed(operation, encode(fits));
    expect(request[name]).toHaveLength(param.maxLength!);
  });

  test.each(params.filter(([, p]) => p.kind !== 'strings'))('repeated %s', async (name, param) => {
    const query = [...validQuery(operation), [name, validValue(param)] as [string, string]];
    await expectFailed(operation, encode(query), param.invalid);
    await expectStillServing();
  });

  test.each(params.filter(([, p]) => p.kind === 'enum'))('unknown value of enum %s', async (name, param) => {
    const query = validQuery(operation).map(([k, v]): [string, string] => [
      k,
      k === name ? 'NOT_A_VALUE' : v,
    ]);
    await expectFailed(operation, encode(query), param.invalid);
  });

  test('unknown parameters are ignored', async () => {
    const request = await expectServed(
      operation,
      `${encode(validQuery(operation))}&bogus=1&__proto__=x&constructor=y`,
    );
    expect(Object.keys(request).sort()).toEqual(params.map(([name]) => name).sort());
  });

  test('malformed percent-encoding is read, not a crash', async () => {
    const answer = await getOperation(operation, `${encode(validQuery(operation))}&x=%E0%A4%A&y=%zz`);
    expect(answer.status).toBe(200);
    await expectStillServing();
  });
});

describe('spot checks against the reference', () => {
  test('startSession without serviceid is REQUIRED_PARAMETERS, a non-numeric channel INVALID_CHANNEL_ID', async () => {
    await expectFailed('startSession', 'channelId=1003', 'REQUIRED_PARAMETERS');
    await expectFailed('startSession', 'channelId=abc&serviceid=SUPPORT', 'INVALID_CHANNEL_ID');
    await expectFailed('startSession', 'serviceid=SUPPORT', 'REQUIRED_PARAMETERS');
  });

  test('startSession refuses a sessionId with control characters (GENERIC)', async () => {
    await expectFailed('startSession', 'channelId=1&serviceid=S&sessionId=a%0Ab', 'GENERIC');
  });

  test('closeSession with an unknown reason is GENERIC', async () => {
    await expectFailed('closeSession', 'sessionId=s1&reason=LATER', 'GENERIC');
  });

  test('serviceCodes: repeated and comma-separated together, trimmed, duplicates collapsed', async () => {
    const request = await expectServed(
      'getServiceState',
      'channelId=1003&serviceCodes=SUPPORT,%20SALES&serviceCodes=BILLING&serviceCodes=SALES',
    );
    expect(request.serviceCodes).toEqual(['SUPPORT', 'SALES', 'BILLING']);
  });

  test('serviceCodes: a blank member or more than 100 codes is INVALID_SERVICE_CODES', async () => {
    await expectFailed('getServiceState', 'channelId=1003&serviceCodes=A,,B', 'INVALID_SERVICE_CODES');
    const many = Array.from({ length: 101 }, (_, i) => `serviceCodes=S${i}`).join('&');
    await expectFailed('getServiceState', `channelId=1003&${many}`, 'INVALID_SERVICE_CODES');
    await expectFailed('getServiceState', 'channelId=1003', 'INVALID_SERVICE_CODES');
  });

  test('an invalid channel wins over invalid service codes (precedence)', async () => {
    await expectFailed('getServiceState', 'channelId=7&serviceCodes=', 'INVALID_CHANNEL_ID');
  });
});

describe('PUT /setSessionData bodies', () => {
  async function put(body: string) {
    return http(`${server.baseUrl}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
  }

  test.each([
    ['an empty object', '{}'],
    ['a blank sessionId', '{"sessionId":"   "}'],
    ['a null sessionId', '{"sessionId":null}'],
    ['a repeated (list) sessionId', '{"sessionId":["a","b"]}'],
    ['an object sessionId', '{"sessionId":{"id":"a"}}'],
    ['JSON null', 'null'],
    ['a JSON array', '[{"sessionId":"a"}]'],
    ['a JSON string', '"a"'],
  ])('%s is INVALID_SESSION_ID', async (_name, body) => {
    const before = calls.length;
    const answer = await put(body);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
    expect(calls.length).toBe(before);
    await expectStillServing();
  });

  test('sessionData over 64 KiB is INVALID_RESPONSE (a fault of the request the reference has no better code for)', async () => {
    const answer = await put(JSON.stringify({ sessionId: 's1', sessionData: 'd'.repeat(64 * 1024 + 1) }));
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_RESPONSE' });
  });

  test('unknown fields are ignored and a JSON number sessionId is read as text', async () => {
    const before = calls.length;
    const answer = await put('{"sessionId":42,"sessionData":"","extra":true}');
    expect(answer.json).toMatchObject({ result: 'SUCCESS', sessionId: '42' });
    expect(calls.slice(before)).toEqual([{ operation: 'setSessionData', request: { sessionId: '42' } }]);
  });

  test('a body with a UTF-8 byte order mark is read', async () => {
    const answer = await put('\ufeff{"sessionId":"s1","sessionData":"x"}');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ result: 'SUCCESS', sessionId: 's1' });
  });

  test('a compressed body is 415 with a readable reason, never a JSON error', async () => {
    const { gzipSync } = await import('node:zlib');
    const before = calls.length;
    const answer = await http(`${server.baseUrl}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('{"sessionId":"s1"}'),
    });
    expect(answer.status).toBe(415);
    expect(answer.json).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: expect.stringContaining('Content-Encoding "gzip"'),
    });
    expect(calls.length).toBe(before);
    await expectStillServing();
  });

  test('query parameters do not stand in for the body', async () => {
    const answer = await http(`${server.baseUrl}/setSessionData?sessionId=s1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
  });
});

describe('garbage never crashes the server', () => {
  const ALPHABET = [
    '%',
    '%0',
    '%zz',
    '&',
    '=',
    '+',
    ',',
    '[]',
    '__proto__',
    'é',
    '\u2028',
    '"',
    '{',
    '}',
    'a',
    '1',
    ' ',
  ];

  test.each(operationNames)(
    '200 random requests to /%s answer 200 or a 4xx problem, never 5xx',
    async (operation) => {
      const next = seededRandom(operation.length * 7919);
      const names = [...Object.keys(operations[operation].request), 'x'];
      for (let i = 0; i < 200; i++) {
        const pick = () => ALPHABET[Math.floor(next() * ALPHABET.length)]!;
        const junk = Array.from({ length: 1 + Math.floor(next() * 12) }, pick).join('');
        const name = names[Math.floor(next() * names.length)]!;
        const query = `${name}=${encodeURIComponent(junk)}&${junk.replaceAll(' ', '')}`;
        const method = restBindings[operation].method;
        const answer = await http(`${server.baseUrl}/${operation}?${query}`, {
          method,
          ...(method === 'PUT'
            ? {
                headers: { 'content-type': 'application/json' },
                body: next() < 0.5 ? `{"${name}":${junk}}` : JSON.stringify({ [name]: junk }),
              }
            : {}),
        });
        expect(
          answer.status === 200 || (answer.status >= 400 && answer.status < 500),
          `${method} ${query}`,
        ).toBe(true);
      }
      await expectStillServing();
    },
  );
});

describe('issue 15: hostile REST input against the engine', () => {
  let engineServer: Listening;
  let target: EngineTarget;
  beforeAll(async () => {
    target = await createEngineTarget();
    engineServer = await serveRest(target.engine);
  });
  afterAll(async () => {
    await engineServer.close();
    await target.close();
  });
  const get = (path: string) => http(`${engineServer.baseUrl}/${path}`);
  const putData = (body: string | Buffer) =>
    http(`${engineServer.baseUrl}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
  async function alive() {
    const answer = await get('checkSession?sessionId=alive');
    expect(answer.json).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
  }
  function expectProblem(answer: RawAnswer, status: number, code: string) {
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ code });
    expect(answer.text).not.toMatch(/\n\s+at |\.js:\d|\.ts:\d|node_modules|RangeError|stack/);
  }

  test('(7) 5 000 nested JSON arrays are a 400 problem naming the depth limit, not a 500', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const answer = await putData(`{"sessionId":"s","sessionData":${deep}}`);
    expectProblem(answer, 400, 'MALFORMED_JSON');
    expect((answer.json as { detail: string }).detail).toMatch(/nest deeper than 32/);
    await alive();
  });

  test('(9) a duplicate JSON key is a 400 problem, as a repeated query parameter is refused', async () => {
    const answer = await putData('{"sessionId":"a","sessionId":"b","sessionData":"x"}');
    expectProblem(answer, 400, 'MALFORMED_JSON');
    expect((answer.json as { detail: string }).detail).toMatch(/the key "sessionId" appears more than once/);
    // Nested objects have their own keys; the same key in two objects is fine.
    const nested = await putData('{"sessionId":"n","sessionData":"{\\"a\\":1}","x":{"a":1},"y":{"a":2}}');
    expect(nested.status).toBe(200);
    await alive();
  });

  test('(9) invalid UTF-8 in a JSON body is a 400 problem, not silently U+FFFD', async () => {
    for (const bytes of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const body = Buffer.concat([
        Buffer.from('{"sessionId":"s","sessionData":"a'),
        Buffer.from(bytes),
        Buffer.from('b"}'),
      ]);
      const answer = await putData(body);
      expectProblem(answer, 400, 'MALFORMED_JSON');
      expect((answer.json as { detail: string }).detail).toBe('The request body is not valid UTF-8.');
    }
    expect((await putData('{"sessionId":"s","sessionData":"\ufffd é 😀"}')).status).toBe(200);
    await alive();
  });

  test('(8) getServiceState with serviceCodes=__proto__ answers UNKNOWN_SERVICE for it', async () => {
    const answer = await get('getServiceState?channelId=1003&serviceCodes=SUPPORT,__proto__,constructor');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"__proto__":"UNKNOWN_SERVICE"');
    const state = (answer.json as { state: Record<string, string> }).state;
    expect(Object.getOwnPropertyDescriptor(state, '__proto__')?.value).toBe('UNKNOWN_SERVICE');
    expect(Object.getOwnPropertyDescriptor(state, 'constructor')?.value).toBe('UNKNOWN_SERVICE');
    expect(Object.keys(state).sort()).toEqual(['SUPPORT', '__proto__', 'constructor'].sort());
  });

  test('(6, 9) NUL, invalid UTF-8 and C1 controls in ids are refused before the store', async () => {
    for (const id of ['a%00b', 'a%FFb', 'a%C2%85b', 'a%EF%BF%BEb'])
      expect((await get(`checkSession?sessionId=${id}`)).json, id).toMatchObject({
        result: 'FAILED',
        failReason: 'INVALID_SESSION_ID',
      });
    // Two different invalid byte strings no longer become one id (both U+FFFD).
    for (const id of ['a%FFb', 'a%FEb'])
      expect((await get(`startSession?channelId=1003&serviceid=SUPPORT&sessionId=${id}`)).json).toMatchObject(
        {
          result: 'FAILED',
          failReason: 'GENERIC',
        },
      );
    await alive();
  });
});
