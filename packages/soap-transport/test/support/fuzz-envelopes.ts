import { deflateSync, gzipSync } from 'node:zlib';
import { type FuzzCall, type FuzzStep, fuzzStepKinds, nastyStrings, scrubLeakMarkers } from '@mcc/testkit';
import fc from 'fast-check';
import { DEFAULT_NAMESPACE, type SoapVersion, soapVersions } from '../../src/envelope/soap-version.js';
import { writeRequestEnvelope } from '../../src/envelope/write-envelope.js';
import { soapOperationOf, soapOperations } from '../../src/soap-operations.js';
import { escapeXml } from '../../src/xml/escape-xml.js';

export const SOAP_PATH = '/mc/cxf/soap';

/**
 * A value in a fuzzed envelope: text, a session a valid step started, or a long repetition
 * (resolved when sent, so that a counter-example prints short).
 */
export type FuzzValue = string | { session: number } | { repeat: string; times: number };

type FieldStyle = 'escaped' | 'reference' | 'cdata' | 'raw' | 'nil' | 'qualified';

/** A request envelope to build, before mutations. */
export interface EnvelopeSpec {
  version: SoapVersion;
  wrapper: string;
  namespace: string;
  fields: Array<{ name: string; value: FuzzValue; style: FieldStyle }>;
  header: '' | 'mustUnderstand' | 'ignored' | 'security';
  prolog: '' | 'decl' | 'decl16' | 'doctype' | 'comment' | 'pi' | 'text';
  /** Extra nesting inside the wrapper (past 64 levels the server refuses the document). */
  depth: number;
}

/** A change to the serialised envelope. */
export interface Mutation {
  at: number;
  kind: 'truncate' | 'insert' | 'delete';
  text: string;
}

/** A garbage SOAP request: method, path, headers, and an envelope in some encoding, maybe broken. */
export interface SoapGarbage {
  method: string;
  path: string;
  contentType: 'declared' | 'other' | string;
  charset?: string;
  bytes: 'utf8' | 'bom' | 'utf16le' | 'utf16be' | 'latin1';
  contentEncoding?: { coding: string; data: 'compressed' | 'plain' | 'corrupt' | 'bomb' };
  soapAction?: 'right' | 'wrong' | string;
  envelope: EnvelopeSpec | { empty: true } | { huge: number };
  mutations: Mutation[];
}

/** One item of a batch: a valid step of the scenario, or garbage. */
export type BatchItem = { valid: FuzzStep } | { garbage: SoapGarbage };

/** The envelope of a valid call, as the SOAP client writes it. */
export function soapRequest(call: FuzzCall): { body: string; action: string } {
  const op = soapOperationOf(call.operation);
  return {
    body: writeRequestEnvelope(op, call.input, { version: '1.1', namespace: DEFAULT_NAMESPACE }),
    action: `"${op.soapName}"`,
  };
}

const SOAP_NAMES = soapOperations.map((op) => op.soapName);
const FIELD_NAMES = [...new Set(soapOperations.flatMap((op) => op.request.map((f) => f.name)))];

const text = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom('1', '2', '3', '1003', '0', 'SUPPORT', 'SALES', 'alice', 'bob') },
  )
  .map(scrubLeakMarkers);

const fuzzValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  { weight: 10, arbitrary: text },
  { weight: 4, arbitrary: fc.nat().map((session) => ({ session })) },
  {
    weight: 1,
    arbitrary: fc.record({
      repeat: fc.constantFrom('x', 'é', '😀', '&amp;'),
      times: fc.constantFrom(256, 1025, 70_000),
    }),
  },
);

const envelopeSpec: fc.Arbitrary<EnvelopeSpec> = fc.record({
  version: fc.constantFrom<SoapVersion>('1.1', '1.1', '1.2'),
  wrapper: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...SOAP_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom('Fault', 'startSessionResponse', 'Envelope', 'x:y', '1bad', '') },
  ),
  namespace: fc.oneof(
    { weight: 10, arbitrary: fc.constant(DEFAULT_NAMESPACE) },
    { weight: 1, arbitrary: fc.constantFrom('http://mcc.tvox', '', 'urn:other') },
  ),
  fields: fc.array(
    fc.record({
      name: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
        { weight: 1, arbitrary: fc.constantFrom('x', 'return', 'soap:Body') },
      ),
      value: fuzzValue,
      style: fc.constantFrom<FieldStyle>(
        'escaped',
        'escaped',
        'escaped',
        'reference',
        'cdata',
        'raw',
        'nil',
        'qualified',
      ),
    }),
    { maxLength: 7 },
  ),
  header: fc.oneof(
    { weight: 6, arbitrary: fc.constant('' as const) },
    { weight: 1, arbitrary: fc.constantFrom('mustUnderstand', 'ignored', 'security') },
  ),
  prolog: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('' as const, 'decl' as const) },
    { weight: 1, arbitrary: fc.constantFrom('decl16', 'doctype', 'comment', 'pi', 'text') },
  ),
  depth: fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constantFrom(3, 61, 70) },
  ),
});

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('truncate', 'insert', 'insert', 'delete'),
  text: fc.oneof(
    fc.constantFrom(
      '<',
      '>',
      '&',
      '&#0;',
      '&#xD800;',
      '&bogus;',
      ']]>',
      '</soap:Body>',
      '<!DOCTYPE x>',
      '"',
      '\u0000',
      '\ud800',
    ),
    fc.string({ maxLength: 5 }),
  ),
});

/** Mostly `usual`, sometimes one of `others`: garbage that still gets past the first checks. */
function mostly<T>(usual: fc.Arbitrary<T>, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom(...others) });
}

/** A garbage SOAP request. */
export const soapGarbage: fc.Arbitrary<SoapGarbage> = fc
  .record({
    method: mostly(fc.constant('POST'), 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: mostly(
      fc.constant(SOAP_PATH),
      `${SOAP_PATH}?wsdl`,
      `${SOAP_PATH}?WSDL=1`,
      `${SOAP_PATH}?x`,
      `${SOAP_PATH}/`,
      '/mc/cxf/SOAP',
    ),
    contentType: mostly(
      fc.constant('declared'),
      'other',
      'application/json',
      'text/plain',
      'application/xml',
      'multipart/related; type="application/xop+xml"',
      '',
      ';',
    ),
    charset: mostly(
      fc.constantFrom(undefined, 'utf-8'),
      'UTF-8',
      '"utf-8"',
      'utf-16',
      'utf-16le',
      'utf-16be',
      'iso-8859-1',
      'windows-1252',
      'bogus',
      '',
      'utf-8; charset=latin1',
    ),
    bytes: mostly(fc.constant('utf8' as const), 'bom', 'utf16le', 'utf16be', 'latin1'),
    contentEncoding: mostly(
      fc.constant(undefined),
      ...(['gzip', 'deflate', 'x-gzip', 'identity', 'br', 'GZIP', 'gzip, deflate', 'bogus'] as const).flatMap(
        (coding) =>
          (['compressed', 'compressed', 'plain', 'corrupt', 'bomb'] as const).map((data) => ({
            coding,
            data,
          })),
      ),
    ),
    soapAction: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(undefined, 'right', '""') },
      { weight: 1, arbitrary: fc.constantFrom('wrong', '', 'urn:x#checkSessionState') },
      { weight: 1, arbitrary: text.map((t) => t.replace(/[^\x20-\x7e]/g, '')) },
    ),
    envelope: fc.oneof(
      { weight: 30, arbitrary: envelopeSpec },
      { weight: 1, arbitrary: fc.constant({ empty: true as const }) },
      { weight: 1, arbitrary: fc.constantFrom({ huge: 1_100_000 }, { huge: 500_000 }) },
    ),
    mutations: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
    ),
  })
  .map((g) => {
    // Leave unset options out, so that a counter-example prints only what was sent.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) if (v !== undefined) out[k] = v;
    return out as unknown as SoapGarbage;
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
    { weight: 1, arbitrary: soapGarbage.map((garbage) => ({ garbage })) },
  ),
  { minLength: 1, maxLength: 6 },
);

function resolveValue(value: FuzzValue, session: (pick: number) => string | undefined): string {
  if (typeof value === 'string') return value;
  if ('repeat' in value) return value.repeat.repeat(value.times);
  return session(value.session) ?? 'none';
}

function field(name: string, value: string, style: FieldStyle): string {
  switch (style) {
    case 'escaped':
      return `<${name}>${escapeXml(value)}</${name}>`;
    case 'reference':
      return `<${name}>${escapeXml(value, 'reference')}</${name}>`;
    case 'cdata':
      return `<${name}><![CDATA[${value}]]></${name}>`;
    case 'raw':
      return `<${name}>${value}</${name}>`;
    case 'nil':
      return `<${name} xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>`;
    case 'qualified':
      return `<m:${name}>${escapeXml(value)}</m:${name}>`;
  }
}

const HEADERS = {
  '': '',
  mustUnderstand: '<h:Trace xmlns:h="urn:trace" s:mustUnderstand="1">x</h:Trace>',
  ignored: '<h:Trace xmlns:h="urn:trace" s:mustUnderstand="0">x</h:Trace>',
  security:
    '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>u</wsse:Username></wsse:UsernameToken></wsse:Security>',
} as const;

const PROLOGS = {
  '': '',
  decl: '<?xml version="1.0" encoding="UTF-8"?>',
  decl16: '<?xml version="1.0" encoding="UTF-16"?>',
  doctype: '<!DOCTYPE s:Envelope [<!ENTITY x "xxxxxxxx">]>',
  comment: '<!-- a comment -->',
  pi: '<?php echo 1; ?>',
  text: 'junk',
} as const;

function envelopeText(spec: EnvelopeSpec, session: (pick: number) => string | undefined): string {
  const fields = spec.fields.map((f) => field(f.name, resolveValue(f.value, session), f.style)).join('');
  const open = '<x>'.repeat(spec.depth);
  const close = '</x>'.repeat(spec.depth);
  const wrapper =
    spec.wrapper === '' ? '' : `<m:${spec.wrapper}>${open}${fields}${close}</m:${spec.wrapper}>`;
  const head = spec.header ? `<s:Header>${HEADERS[spec.header]}</s:Header>` : '';
  return (
    `${PROLOGS[spec.prolog]}<s:Envelope xmlns:s="${soapVersions[spec.version].envelopeNs}" xmlns:m="${escapeXml(spec.namespace)}">` +
    `${head}<s:Body>${wrapper}</s:Body></s:Envelope>`
  );
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'insert') out = `${out.slice(0, at)}${m.text}${out.slice(at)}`;
    else out = `${out.slice(0, at)}${out.slice(at + 1 + (m.at % 7))}`;
  }
  return out;
}

const BOMB = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));

/** The request as sent: method, target, headers and body bytes, sessions resolved with `session`. */
export function renderGarbage(
  request: SoapGarbage,
  session: (pick: number) => string | undefined,
): { method: string; path: string; headers: Record<string, string>; body?: Buffer } {
  const spec = request.envelope;
  const version: SoapVersion = 'version' in spec ? spec.version : '1.1';
  let text: string;
  if ('empty' in spec) text = '';
  else if ('huge' in spec) text = `<s:Envelope>${'x'.repeat(spec.huge)}</s:Envelope>`;
  else text = envelopeText(spec, session);
  text = mutate(text, request.mutations);
  let body: Buffer = {
    utf8: () => Buffer.from(text, 'utf8'),
    bom: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    utf16le: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    utf16be: () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    latin1: () => Buffer.from(text, 'latin1'),
  }[request.bytes]();
  const headers: Record<string, string> = {};
  const media =
    request.contentType === 'declared'
      ? soapVersions[version].mediaType
      : request.contentType === 'other'
        ? soapVersions[version === '1.1' ? '1.2' : '1.1'].mediaType
        : request.contentType;
  if (media !== '')
    headers['content-type'] = request.charset === undefined ? media : `${media}; charset=${request.charset}`;
  if (request.contentEncoding) {
    const { coding, data } = request.contentEncoding;
    headers['content-encoding'] = coding;
    if (data === 'compressed') body = coding.includes('deflate') ? deflateSync(body) : gzipSync(body);
    else if (data === 'corrupt') body = gzipSync(body).subarray(0, Math.max(1, Math.floor(body.length / 3)));
    else if (data === 'bomb') body = BOMB;
  }
  if (request.soapAction !== undefined) {
    const wrapper = 'wrapper' in spec ? spec.wrapper : 'x';
    headers.soapaction =
      request.soapAction === 'right'
        ? `"${wrapper}"`
        : request.soapAction === 'wrong'
          ? '"closeSession"'
          : request.soapAction;
  }
  const sendsBody = request.method !== 'GET' && request.method !== 'HEAD';
  return { method: request.method, path: request.path, headers, ...(sendsBody ? { body } : {}) };
}
