import { deflateSync, gzipSync } from 'node:zlib';
import { type FuzzCall, type FuzzStep, fuzzStepKinds, nastyStrings, scrubLeakMarkers } from '@mcc/testkit';
import fc from 'fast-check';
import { operationPath, restBindings } from '../../src/shared/rest-bindings.js';

export const BASE = '/mc/cxf/rest/json';

/**
 * A value in a fuzzed request: text, a session a valid step started, or a long repetition
 * (resolved when sent, so that a counter-example prints short).
 */
export type FuzzValue = string | { session: number } | { repeat: string; times: number };

/** How a query pair is written. */
type PairMode = 'utf8' | 'plus' | 'garbage' | 'bare' | 'empty';

/** A garbage REST request, before the session picks are resolved. */
export interface RestGarbage {
  method: string;
  path: string;
  query: Array<{ name: string; value: FuzzValue; mode: PairMode; garbage: string }> | { raw: string };
  headers: Record<string, string | string[]>;
  body?: {
    json: unknown;
    text?: string;
    coding: 'utf8' | 'bom' | 'utf16le' | 'gzip' | 'deflate' | 'truncated';
  };
}

/** One item of a batch: a valid step of the scenario, or garbage. */
export type BatchItem = { valid: FuzzStep } | { garbage: RestGarbage };

/** Percent-encodes every byte of the UTF-8 form but the unreserved ones (lone surrogates → U+FFFD). */
export function encodeUtf8(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Encodes a valid call as REST does: a query string, or for setSessionData a JSON body. */
export function restRequest(call: FuzzCall): { method: string; path: string; body?: string } {
  const binding = restBindings[call.operation];
  const path = `${BASE}${operationPath(call.operation)}`;
  if (binding.input === 'json-body')
    return { method: binding.method, path, body: JSON.stringify(call.input) };
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(call.input)) {
    for (const item of Array.isArray(value) ? value : [value])
      pairs.push(`${encodeUtf8(name)}=${encodeUtf8(String(item))}`);
  }
  return { method: binding.method, path: pairs.length ? `${path}?${pairs.join('&')}` : path };
}

const PARAM_NAMES = [
  'sessionId',
  'channelId',
  'serviceid',
  'serviceId',
  'serviceCodes',
  'user',
  'reason',
  'data',
  'description',
  'contactId',
  'contactValue',
  'agentUsername',
  'sessionData',
  '_wadl',
  '__proto__',
  'constructor',
  'toString',
];
const PERCENT_GARBAGE = [
  '%',
  '%Z',
  '%ZZ',
  '%ED%A0%80',
  '%ED%B0%80',
  '%C0%AF',
  '%F4%90%80%80',
  '%00',
  '%FF%FE',
  '%E2%82',
  '+%2B+',
];
const OPERATION_PATHS = Object.keys(restBindings).map((op) => `${BASE}${operationPath(op as never)}`);

const text = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom('1', '2', '3', '1003', '0', 'SUPPORT', 'SALES', 'alice', 'bob') },
    { weight: 1, arbitrary: fc.integer().map(String) },
  )
  .map(scrubLeakMarkers);

export const fuzzValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  { weight: 25, arbitrary: text },
  { weight: 10, arbitrary: fc.nat().map((session) => ({ session })) },
  {
    weight: 1,
    arbitrary: fc.record({
      repeat: fc.constantFrom('x', 'é', '😀', '%'),
      times: fc.constantFrom(256, 1025, 5000, 70_000),
    }),
  },
);

/** The text of a value, sessions resolved with `session`. */
export function resolveValue(value: FuzzValue, session: (pick: number) => string | undefined): string {
  if (typeof value === 'string') return value;
  if ('repeat' in value) return value.repeat.repeat(value.times);
  return session(value.session) ?? 'none';
}

const path = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom(...OPERATION_PATHS) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...OPERATION_PATHS),
        fc.nat(6),
        fc.string({ unit: 'binary-ascii', maxLength: 8 }),
      )
      .map(
        ([p, how, extra]) =>
          [
            p.toUpperCase(),
            `${p}//`,
            p.replace('/json/', '/json//'),
            p.replace('/json/', '/json/../json/'),
            `${p}/${encodeUtf8(extra)}`,
            p.replace(/e/, '%65'),
            `${p}${encodeUtf8(extra)}`,
          ][how]!,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      BASE,
      `${BASE}/`,
      '/mc/cxf/rest',
      `${BASE}/openapi.json`,
      '/mc/cxf/rest/json%2FcheckSession',
      '/',
    ),
  },
);

const pair = fc.record({
  name: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAM_NAMES) }, { weight: 1, arbitrary: text }),
  value: fuzzValue,
  mode: fc.constantFrom<PairMode>('utf8', 'utf8', 'utf8', 'plus', 'garbage', 'bare', 'empty'),
  garbage: fc.constantFrom(...PERCENT_GARBAGE),
});

const query = fc.oneof(
  { weight: 6, arbitrary: fc.array(pair, { maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 60 })
      .map((raw) => ({ raw: encodeUtf8(raw).replace(/%26/g, '&').replace(/%3D/g, '=') })),
  },
);

const headers = fc.record(
  {
    'content-type': fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json;charset="UTF-8"',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json; charset',
        'APPLICATION/JSON',
        'application/vnd.mcc+json',
        'text/plain',
        'text/xml; charset=utf-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        ';;;',
        '',
      ),
      fc.constant<string[]>(['application/json', 'text/plain']),
    ),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nonsense', 'gzip, gzip'),
    accept: fc.constantFrom('application/json', 'application/xml', '*/*', 'text/html;q=0.1'),
    'x-forwarded-host': fc.constantFrom('evil.example', ''),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string | string[]>>;

const body = fc.record({
  json: fc.oneof(
    fc.record(
      { sessionId: fuzzValue, sessionData: fuzzValue, extra: fc.jsonValue({ maxDepth: 2 }) },
      { requiredKeys: [] },
    ),
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant({ sessionId: 'x', sessionData: { repeat: 'y', times: 80_000 } }),
  ),
  text: fc.option(
    fc.oneof(
      fc.constantFrom('', ' ', '{', '{"sessionId":', 'null', '[]', '"x"', '\u0000', '{"__proto__":{"x":1}}'),
      text,
    ),
    { nil: undefined },
  ),
  coding: fc.constantFrom('utf8', 'utf8', 'utf8', 'bom', 'utf16le', 'gzip', 'deflate', 'truncated'),
});

/**
 * A garbage REST request: any method, path, query, headers and body — three times in four made
 * coherent (the operation's own method, a JSON content type for a body) so that most garbage gets
 * past routing and reaches the readers and the engine.
 */
export const restGarbage: fc.Arbitrary<RestGarbage> = fc
  .record(
    {
      method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'),
      path,
      query,
      headers,
      body,
      coherent: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    },
    { requiredKeys: ['method', 'path', 'query', 'headers', 'coherent'] },
  )
  .map(({ coherent, ...request }) => {
    const operation = OPERATION_PATHS.indexOf(request.path);
    if (!coherent || operation < 0) return request;
    const binding = Object.values(restBindings)[operation]!;
    if (binding.input === 'query') return { ...request, method: binding.method };
    return {
      ...request,
      method: binding.method,
      headers: { ...request.headers, 'content-type': request.headers['content-type'] ?? 'application/json' },
      body: request.body ?? { json: {}, coding: 'utf8' as const },
    };
  });

/** A batch of requests sent at once: valid steps and garbage mixed. */
export const batch: fc.Arbitrary<BatchItem[]> = fc.array(
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc
        .record({ kind: fc.constantFrom(...fuzzStepKinds), pick: fc.nat() })
        .map((valid) => ({ valid })),
    },
    { weight: 1, arbitrary: restGarbage.map((garbage) => ({ garbage })) },
  ),
  { minLength: 1, maxLength: 6 },
);

/** The bytes of a garbage body and the request target, sessions resolved with `session`. */
export function renderGarbage(
  request: RestGarbage,
  session: (pick: number) => string | undefined,
): { target: string; body?: Buffer } {
  const resolve = (value: FuzzValue) => resolveValue(value, session);
  let search: string;
  if ('raw' in request.query) search = request.query.raw;
  else {
    search = request.query
      .map(({ name, value, mode, garbage }) => {
        const v = resolve(value);
        if (mode === 'bare') return encodeUtf8(name);
        if (mode === 'empty') return `${encodeUtf8(name)}=`;
        if (mode === 'plus') return `${encodeUtf8(name)}=${encodeUtf8(v).replace(/%20/g, '+')}`;
        if (mode === 'garbage') return `${encodeUtf8(name)}=${encodeUtf8(v)}${garbage}`;
        return `${encodeUtf8(name)}=${encodeUtf8(v)}`;
      })
      .join('&');
  }
  const target = search ? `${request.path}${request.path.includes('?') ? '&' : '?'}${search}` : request.path;
  if (!request.body) return { target };
  const json =
    request.body.json !== null && typeof request.body.json === 'object' && !Array.isArray(request.body.json)
      ? Object.fromEntries(
          Object.entries(request.body.json).map(([k, v]) => [
            k,
            typeof v === 'object' && v !== null && ('session' in v || 'repeat' in v)
              ? resolve(v as FuzzValue)
              : v,
          ]),
        )
      : request.body.json;
  const raw = request.body.text ?? JSON.stringify(json) ?? '';
  const utf8 = Buffer.from(raw, 'utf8');
  const bytes = {
    utf8: () => utf8,
    bom: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]),
    utf16le: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]),
    gzip: () => gzipSync(utf8),
    deflate: () => deflateSync(utf8),
    truncated: () => utf8.subarray(0, Math.floor(utf8.length / 2)),
  }[request.body.coding]();
  return { target, body: bytes };
}
