// Property-based fuzzing of the REST server's input readers, without HTTP: the query string as
// the handler parses it (node:querystring) through core's dispatch, the JSON body reader and the
// media-type check. Runs: fuzzSettings (FUZZ_RUNS for the long campaign, FUZZ_SEED/FUZZ_PATH to
// replay a failure).
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { Readable } from 'node:stream';
import { dispatch, operationNames, readResult } from '@mcc/core';
import { createEngineTarget, fastCheckParameters, fuzzSettings } from '@mcc/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isJsonMediaType, readJsonBody } from '../src/server/read-json-body.js';
import { encodeUtf8, fuzzValue, resolveValue } from './support/fuzz-requests.js';

let target: Awaited<ReturnType<typeof createEngineTarget>>;
beforeAll(async () => {
  target = await createEngineTarget();
});
afterAll(() => target.close());

const LIMIT = 64 * 1024;

/** A request stream carrying `bytes`, with the headers given (as readJsonBody sees a request). */
function fakeRequest(bytes: Buffer, headers: Record<string, string>): IncomingMessage {
  const stream = Readable.from(bytes.length ? [bytes] : []) as unknown as IncomingMessage;
  Object.assign(stream, { headers });
  return stream;
}

test(
  'any query string, parsed as the handler parses it, gets a valid result from dispatch',
  async () => {
    const settings = fuzzSettings(300);
    const name = fc.constantFrom(
      'sessionId',
      'channelId',
      'serviceid',
      'serviceCodes',
      'user',
      'reason',
      'agentUsername',
      'data',
    );
    const query = fc.array(
      fc.tuple(name, fuzzValue, fc.constantFrom('', '%', '%ED%A0%80', '%C0%AF', '%00', '&', '&&=')),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operationNames), query, async (operation, pairs) => {
        const search = pairs
          .map(([n, v, garbage]) => `${n}=${encodeUtf8(resolveValue(v, () => undefined))}${garbage}`)
          .join('&');
        const result = await dispatch(target.engine, operation, parseQuery(search));
        expect(() => readResult(operation, result)).not.toThrow();
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(300).timeoutMs,
);

test(
  'the JSON body reader answers a value or a 4xx code for any bytes and any Content-Length',
  async () => {
    const settings = fuzzSettings(500);
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary' }).map((s) => Buffer.from(s, 'utf8')),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '', 'utf8')),
      fc.constant(Buffer.alloc(LIMIT + 1, 0x20)),
    );
    const length = fc.option(
      fc.oneof(fc.nat(LIMIT * 2).map(String), fc.constantFrom('-1', 'abc', '1e3', '')),
      {
        nil: undefined,
      },
    );
    await fc.assert(
      fc.asyncProperty(body, length, async (bytes, declared) => {
        const headers: Record<string, string> = declared === undefined ? {} : { 'content-length': declared };
        const read = await readJsonBody(fakeRequest(bytes, headers), LIMIT);
        if (read.ok) {
          expect(read.value).toEqual(JSON.parse(bytes.toString('utf8')));
        } else {
          expect(['MALFORMED_JSON', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE']).toContain(read.code);
          expect(read.detail.length).toBeGreaterThan(10);
        }
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(500).timeoutMs,
);

test(
  'any JSON value sent whole with its length is read back as it was',
  async () => {
    const settings = fuzzSettings(300);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const bytes = Buffer.from(JSON.stringify(value), 'utf8');
        fc.pre(bytes.length <= LIMIT);
        const read = await readJsonBody(
          fakeRequest(bytes, { 'content-length': String(bytes.length) }),
          LIMIT,
        );
        expect(read).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) });
      }),
      fastCheckParameters(settings),
    );
  },
  fuzzSettings(300).timeoutMs,
);

test('the media-type check never throws and accepts JSON however it is spelled', () => {
  const settings = fuzzSettings(2000);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (header) => {
      expect(typeof isJsonMediaType(header)).toBe('boolean');
    }),
    fastCheckParameters(settings),
  );
  const spelled = fc
    .tuple(
      fc.boolean(),
      fc.constantFrom('', ' ', '\t'),
      fc.constantFrom('', '; charset=utf-8', ';CHARSET="UTF-8"', '; v=1'),
    )
    .map(
      ([upper, space, params]) =>
        `${space}${upper ? 'APPLICATION/JSON' : 'application/json'}${space}${params}`,
    );
  fc.assert(
    fc.property(spelled, (header) => {
      expect(isJsonMediaType(header)).toBe(true);
    }),
    fastCheckParameters(settings),
  );
});
