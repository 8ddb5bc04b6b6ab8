import {
  type CheckSessionResult,
  CommandResult,
  defineOperation,
  defineResult,
  type MccService,
  type OperationTable,
  operations,
  param,
  wireEnum,
} from '@mcc/core';
import { createRestClient, type RetryEvent } from '@mcc/rest-transport/client';
import { createRestHandler } from '@mcc/rest-transport/server';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { createSoapClient } from '../src/client/index.js';
import { createSoapHandler } from '../src/server/index.js';
import { readWsdl } from '../src/wsdl/read-wsdl.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post, returnFields } from './support/soap-http.js';

/**
 * "Adding an operation is one row": a throw-away operation, defined in this file only, added to a
 * copy of the operations table. Both servers, both clients and the three documents (WSDL, WADL,
 * OpenAPI) serve it with no transport edit; the default table does not.
 */
const EchoNoteFailReasonCode = wireEnum('EchoNoteFailReasonCode', {
  REQUIRED_PARAMETERS: 'Required parameters are missing',
  GENERIC: 'Generic error',
});

const echoNote = defineOperation({
  name: 'echoNote',
  summary: 'Echo a note (a throw-away operation of this test).',
  readOnly: true,
  request: {
    note: param.string<true, z.infer<typeof EchoNoteFailReasonCode>>({
      required: true,
      missing: 'REQUIRED_PARAMETERS',
      invalid: 'GENERIC',
      maxLength: 64,
      description: 'The note',
    }),
  },
  failReason: EchoNoteFailReasonCode,
  precedence: ['REQUIRED_PARAMETERS', 'GENERIC'],
  serverFailReasons: ['GENERIC'],
  faults: { internal: 'GENERIC' },
  result: defineResult(
    'EchoNoteResult',
    {
      result: CommandResult,
      note: z.string().optional(),
      failReason: EchoNoteFailReasonCode.optional(),
      failReasonMessage: z.string().optional(),
    },
    ['note'],
  ),
});

const table = { ...operations, echoNote } satisfies OperationTable;
const service = {
  ...createFakeService(),
  echoNote: async ({ note }: { note: string }) => ({ result: 'SUCCESS', note: note.toUpperCase() }),
} as unknown as MccService;
/** Requests the throttled servers still refuse (REST: 429; SOAP: a Server fault), with `Retry-After: 0`. */
let refusals = 0;
function throttle(): number | undefined {
  if (refusals === 0) return undefined;
  refusals -= 1;
  return 0;
}

let rest: Listening;
let soap: Listening;
let plainRest: Listening;
let plainSoap: Listening;
let throttledRest: Listening;
let throttledSoap: Listening;

beforeAll(async () => {
  rest = await listen(createRestHandler(service, { operations: table }));
  soap = await listen(createSoapHandler(service, { operations: table }));
  plainRest = await listen(createRestHandler(service));
  plainSoap = await listen(createSoapHandler(service));
  throttledRest = await listen(createRestHandler(service, { operations: table, throttle }));
  throttledSoap = await listen(createSoapHandler(service, { operations: table, throttle }));
});
afterAll(async () => {
  const servers = [rest, soap, plainRest, plainSoap, throttledRest, throttledSoap];
  await Promise.all(servers.map((server) => server.close()));
});

const get = async (url: string) => {
  const response = await request(url);
  return { status: response.statusCode, text: await response.body.text() };
};

describe('a ninth operation, one row in a copy of the table', () => {
  test('the REST server serves it: answer in the result order, its own fail reasons', async () => {
    const ok = await get(`${rest.origin}/mc/cxf/rest/json/echoNote?note=hi&extra=1`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('{"result":"SUCCESS","note":"HI"}');
    const missing = JSON.parse((await get(`${rest.origin}/mc/cxf/rest/json/echoNote`)).text);
    expect(missing).toMatchObject({ result: 'FAILED', failReason: 'REQUIRED_PARAMETERS' });
    const long = JSON.parse(
      (await get(`${rest.origin}/mc/cxf/rest/json/echoNote?note=${'x'.repeat(65)}`)).text,
    );
    expect(long).toMatchObject({ result: 'FAILED', failReason: 'GENERIC' });
    expect((await get(`${plainRest.origin}/mc/cxf/rest/json/echoNote?note=hi`)).status).toBe(404);
  });

  test('the SOAP server serves it', async () => {
    const answer = await post(
      `${soap.origin}/mc/cxf/soap`,
      envelope('<m:echoNote><note>hi</note></m:echoNote>'),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<mcc:echoNoteResponse>');
    expect(returnFields(answer)).toEqual({ result: 'SUCCESS', note: 'HI' });
    const unknown = await post(
      `${plainSoap.origin}/mc/cxf/soap`,
      envelope('<m:echoNote><note>hi</note></m:echoNote>'),
    );
    expect(expectFault(unknown, '1.1', 'Client')).toContain('unknown operation');
  });

  test('the WSDL describes it (and a WSDL reader finds it)', async () => {
    const wsdl = (await get(`${soap.origin}/mc/cxf/soap?wsdl`)).text;
    expect(wsdl).toContain('<xs:complexType name="EchoNoteResult">');
    expect(wsdl).toContain('<xs:simpleType name="EchoNoteFailReasonCode">');
    const binding = await readWsdl(wsdl);
    expect([...binding.operations.keys()]).toContain('echoNote');
    expect((await get(`${plainSoap.origin}/mc/cxf/soap?wsdl`)).text).not.toContain('echoNote');
  });

  test('the WADL and the OpenAPI document describe it', async () => {
    const wadl = (await get(`${rest.origin}/mc/cxf/rest?_wadl`)).text;
    expect(wadl).toMatch(/<resource path="\/echoNote">[\s\S]*?<method name="GET" id="echoNote">/);
    const openApi = JSON.parse((await get(`${rest.origin}/mc/cxf/rest/openapi.json`)).text);
    expect(openApi.paths['/echoNote'].get.operationId).toBe('echoNote');
    expect(openApi.paths['/echoNote'].get.parameters).toMatchObject([
      { name: 'note', in: 'query', required: true },
    ]);
    expect(openApi.components.schemas.EchoNoteResult.properties.note).toEqual({ type: 'string' });
    const plain = JSON.parse((await get(`${plainRest.origin}/mc/cxf/rest/openapi.json`)).text);
    expect(plain.paths['/echoNote']).toBeUndefined();
  });
});

describe('both clients, built with the copied table, call it', () => {
  const clients = () => [
    createRestClient({ baseUrl: `${rest.origin}/mc/cxf/rest/json`, operations: table, strict: true }),
    createSoapClient({ baseUrl: `${soap.origin}/mc/cxf/soap`, operations: table, strict: true }),
    createSoapClient({ wsdlUrl: `${soap.origin}/mc/cxf/soap?wsdl`, operations: table, strict: true }),
  ];

  test('a typed method per extra row, reading its typed result (strictly)', async () => {
    for (const client of clients()) {
      try {
        const answer = await client.echoNote({ note: 'hi' });
        expectTypeOf(answer.note).toEqualTypeOf<string | undefined>();
        expectTypeOf(answer.result).toEqualTypeOf<'SUCCESS' | 'FAILED'>();
        expect(answer).toEqual({ result: 'SUCCESS', note: 'HI' });
        const refused = await client.echoNote({ note: 'x'.repeat(65) });
        expect(refused).toMatchObject({ result: 'FAILED', failReason: 'GENERIC' });
        // The MCC rows are still there, with their own types.
        const checked = await client.checkSession({ sessionId: 'nope' });
        expectTypeOf(checked).toEqualTypeOf<CheckSessionResult>();
        expect(checked.result).toMatch(/^(SUCCESS|FAILED)$/);
      } finally {
        await client.close();
      }
    }
  });

  test("the row's retry safety is the table's: a read-only extra row is retried when refused", async () => {
    const retried: string[] = [];
    const retry = { minDelayMs: 1, onRetry: ({ operation }: RetryEvent) => retried.push(operation) };
    const retrying = [
      createRestClient({ baseUrl: `${throttledRest.origin}/mc/cxf/rest/json`, operations: table, retry }),
      createSoapClient({ baseUrl: `${throttledSoap.origin}/mc/cxf/soap`, operations: table, retry }),
    ];
    for (const client of retrying) {
      refusals = 1;
      try {
        expect(await client.echoNote({ note: 'again' })).toEqual({ result: 'SUCCESS', note: 'AGAIN' });
      } finally {
        await client.close();
      }
      expect(refusals).toBe(0);
    }
    expect(retried).toEqual(['echoNote', 'echoNote']);
  });

  test("a row named like a client's own member is refused, not silently shadowed", () => {
    const clashing = { ...operations, close: echoNote, toString: echoNote } satisfies OperationTable;
    for (const operations of [clashing, { toString: echoNote }]) {
      expect(() => createRestClient({ baseUrl: rest.origin, operations })).toThrow(/cannot be named/);
      expect(() => createSoapClient({ baseUrl: soap.origin, operations })).toThrow(/cannot be named/);
    }
  });

  test('the default clients have no such method', async () => {
    const plain = createRestClient({ baseUrl: `${rest.origin}/mc/cxf/rest/json` });
    const plainSoapClient = createSoapClient({ baseUrl: `${soap.origin}/mc/cxf/soap` });
    try {
      expect('echoNote' in plain).toBe(false);
      expect('echoNote' in plainSoapClient).toBe(false);
      // @ts-expect-error echoNote is not an MCC operation
      expect(plain.echoNote).toBeUndefined();
      expectTypeOf(plain).toMatchTypeOf<MccService>();
    } finally {
      await Promise.all([plain.close(), plainSoapClient.close()]);
    }
  });
});
