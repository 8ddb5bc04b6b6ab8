import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MccService, type OperationName, operationNames, readResult, validateRequest } from '@mcc/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeRequest, decodeResult, readEnvelope } from '../src/envelope/read-envelope.js';
import { DEFAULT_NAMESPACE, soapContentType } from '../src/envelope/soap-version.js';
import { writeRequestEnvelope, writeResponseEnvelope } from '../src/envelope/write-envelope.js';
import { createSoapHandler, generateWsdl } from '../src/server/index.js';
import { soapOperationOf } from '../src/soap-operations.js';
import { childElement } from '../src/xml/parse-xml.js';
import { goldenCases } from './golden/cases.js';
import { type Listening, listen } from './support/listen.js';
import { envelopeValidator, validateString } from './support/xmllint.js';

// Golden wire fixtures, one request and one response envelope per case (AWS SDK protocol-test
// style). Regenerate with UPDATE_GOLDEN=1 after a deliberate wire change, then review the diff.
const dir = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const wsdl = generateWsdl({ address: 'http://localhost/mc/cxf/soap' });
const validators = {
  '1.1': envelopeValidator(wsdl, DEFAULT_NAMESPACE, '1.1'),
  '1.2': envelopeValidator(wsdl, DEFAULT_NAMESPACE, '1.2'),
};

function fixture(file: string, produced: string): string {
  const path = `${dir}${file}`;
  if (update || !existsSync(path)) writeFileSync(path, `${produced}\n`);
  return readFileSync(path, 'utf8').replace(/\n$/, '');
}

test('every operation has at least one golden case', () => {
  expect(new Set(goldenCases.map((c) => c.operation))).toEqual(new Set(operationNames));
});

describe.each(goldenCases)('golden $name', (c) => {
  const op = soapOperationOf(c.operation);
  const requestXml = writeRequestEnvelope(op, c.request as Record<string, unknown>, {
    version: c.version,
    namespace: DEFAULT_NAMESPACE,
  });
  const responseXml = writeResponseEnvelope(
    op,
    c.result as Record<string, unknown>,
    c.version,
    DEFAULT_NAMESPACE,
  );
  const requestFile = `${c.name}.request.xml`;
  const responseFile = `${c.name}.response.xml`;

  test('the client writes the request fixture byte for byte', () => {
    expect(requestXml).toBe(fixture(requestFile, requestXml));
  });

  test('the server writes the response fixture byte for byte', () => {
    expect(responseXml).toBe(fixture(responseFile, responseXml));
  });

  test('the request fixture decodes to the typed request', () => {
    const envelope = readEnvelope(fixture(requestFile, requestXml));
    expect(envelope.version).toBe(c.version);
    expect(envelope.payload?.local).toBe(op.soapName);
    const validation = validateRequest(c.operation, decodeRequest(op, envelope.payload!));
    expect(validation).toEqual({ ok: true, request: c.request });
  });

  test('the response fixture reads back as the result', () => {
    const envelope = readEnvelope(fixture(responseFile, responseXml));
    const returned = childElement(envelope.payload!, 'return')!;
    expect(readResult(c.operation, decodeResult(op, returned))).toEqual(c.result);
  });

  test('both fixtures are valid against the WSDL schema (xmllint --schema)', async () => {
    for (const file of [requestFile, responseFile]) {
      const outcome = await validators[c.version](`${dir}${file}`);
      expect(outcome.output).toContain('validates');
      expect(outcome.ok).toBe(true);
    }
  });
});

describe('the schema check can fail', () => {
  test('a response with its children out of the reference order is invalid', async () => {
    const xml = readFileSync(`${dir}sessionAccept.response.xml`, 'utf8');
    const swapped = xml.replace(/(<sessionId>[^<]*<\/sessionId>)(<status>[^<]*<\/status>)/, '$2$1');
    expect(swapped).not.toBe(xml);
    const outcome = await validateString(validators['1.1'], swapped);
    expect(outcome.ok).toBe(false);
  });

  test('an unknown enum value and an undeclared wrapper are invalid', async () => {
    const xml = readFileSync(`${dir}sessionAccept.response.xml`, 'utf8');
    expect((await validateString(validators['1.1'], xml.replace('BOOKED', 'PARKED'))).ok).toBe(false);
    const renamed = xml.replaceAll('sessionAcceptResponse', 'sessionAcceptAnswer');
    expect((await validateString(validators['1.1'], renamed)).ok).toBe(false);
  });
});

describe('the server answers each request fixture with its response fixture', () => {
  let http: Listening;
  let current = goldenCases[0]!;
  beforeAll(async () => {
    const service = Object.fromEntries(
      operationNames.map((name) => [name, async () => current.result]),
    ) as unknown as MccService;
    http = await listen(createSoapHandler(service));
  });
  afterAll(() => http.close());

  test.each(goldenCases)('$name', async (c) => {
    current = c;
    const op = soapOperationOf(c.operation as OperationName);
    const response = await request(`${http.origin}/mc/cxf/soap`, {
      method: 'POST',
      headers: { 'content-type': soapContentType(c.version), soapaction: '""' },
      body: readFileSync(`${dir}${c.name}.request.xml`),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(soapContentType(c.version));
    const body = await response.body.text();
    expect(body).toBe(readFileSync(`${dir}${c.name}.response.xml`, 'utf8').replace(/\n$/, ''));
    expect(body).toContain(`<mcc:${op.soapName}Response>`);
  });
});
