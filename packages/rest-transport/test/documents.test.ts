import { operationNames, operations, type Param } from '@mcc/core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restBindings, WADL_MEDIA_TYPE, WADL_NAMESPACE } from '../src/server/index.js';
import { loadWireCases } from './support/fixtures.js';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const { service } = scriptedService();
let server: Listening;
let proxied: Listening;

beforeAll(async () => {
  server = await serveRest(service);
  proxied = await serveRest(service, { trustProxy: true });
});
afterAll(async () => {
  await server.close();
  await proxied.close();
});

type Node = Record<string, unknown>;
const asList = (value: unknown): Node[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Node[];

async function fetchWadl(url: string, headers: Record<string, string> = {}) {
  const answer = await http(url, { headers });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe(WADL_MEDIA_TYPE);
  expect(XMLValidator.validate(answer.text)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    answer.text,
  ) as Node;
  return parsed.application as Node;
}

describe('WADL at /mc/cxf/rest?_wadl', () => {
  test('is WADL 2009/02 with resources based at the address it was fetched from', async () => {
    const application = await fetchWadl(`${server.origin}/mc/cxf/rest?_wadl`);
    expect(application.xmlns).toBe(WADL_NAMESPACE);
    expect((application.resources as Node).base).toBe(server.baseUrl);
  });

  test('lists every operation with its method and every parameter, generated from the table', async () => {
    const application = await fetchWadl(`${server.origin}/mc/cxf/rest?_wadl`);
    const resources = asList((application.resources as Node).resource);
    expect(resources.map((r) => r.path)).toEqual(operationNames.map((name) => `/${name}`));
    for (const operation of operationNames) {
      const resource = resources.find((r) => r.path === `/${operation}`)!;
      const method = resource.method as Node;
      expect(method.name).toBe(restBindings[operation].method);
      expect(method.id).toBe(operation);
      const request = method.request as Node;
      const params = asList(request.param ?? (request.representation as Node).param);
      const table = operations[operation].request as Record<string, Param>;
      expect(params.map((p) => p.name)).toEqual(Object.keys(table));
      for (const param of params) {
        const definition = table[param.name as string]!;
        expect(param.required).toBe(String(definition.required));
        expect(param.style).toBe(restBindings[operation].input === 'query' ? 'query' : 'plain');
        expect(param.type).toBe(definition.kind === 'int' ? 'xs:int' : 'xs:string');
        if (definition.kind === 'strings') expect(param.repeating).toBe('true');
        if (definition.kind === 'enum')
          expect(asList(param.option).map((o) => o.value)).toEqual(definition.enum!.options);
      }
      const responses = asList(method.response);
      expect(responses[0]).toMatchObject({ status: '200' });
      const fields = asList((responses[0]!.representation as Node).param).map((p) => p.name);
      expect(fields).toEqual(Object.keys(operations[operation].result.wire.shape));
    }
  });

  test('the reference spellings survive: serviceid, UNKNOW', async () => {
    const answer = await http(`${server.origin}/mc/cxf/rest?_wadl`);
    expect(answer.text).toContain('name="serviceid"');
    expect(answer.text).toContain('value="UNKNOW"');
  });

  test('is also served at the endpoint itself (CXF does), and only with _wadl', async () => {
    const application = await fetchWadl(`${server.baseUrl}?_wadl&_type=xml`);
    expect((application.resources as Node).base).toBe(server.baseUrl);
    expect((await http(`${server.origin}/mc/cxf/rest`)).status).toBe(404);
    expect((await http(server.baseUrl)).status).toBe(404);
  });

  test('HEAD answers like GET without a body', async () => {
    const answer = await http(`${server.origin}/mc/cxf/rest?_wadl`, { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  });

  test('ignores X-Forwarded-* unless trustProxy is set', async () => {
    const headers = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'tvox.example.com',
      'x-forwarded-prefix': '/pbx',
    };
    const untrusted = await fetchWadl(`${server.origin}/mc/cxf/rest?_wadl`, headers);
    expect((untrusted.resources as Node).base).toBe(server.baseUrl);
    const trusted = await fetchWadl(`${proxied.origin}/mc/cxf/rest?_wadl`, headers);
    expect((trusted.resources as Node).base).toBe('https://tvox.example.com/pbx/mc/cxf/rest/json');
  });

  test('a Host header that is not a host cannot inject markup', async () => {
    const application = await fetchWadl(`${server.origin}/mc/cxf/rest?_wadl`, { host: 'evil"><x a="' });
    expect((application.resources as Node).base).toBe(server.baseUrl);
    const forged = await fetchWadl(`${proxied.origin}/mc/cxf/rest?_wadl`, { 'x-forwarded-host': 'a"b<c' });
    expect((forged.resources as Node).base).toBe(proxied.baseUrl);
  });
});

describe('OpenAPI 3.1 at /mc/cxf/rest/openapi.json', () => {
  async function fetchDocument() {
    const answer = await http(`${server.origin}/mc/cxf/rest/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    return answer.json as Node;
  }

  test('is accepted by a standard OpenAPI validator', async () => {
    const document = await fetchDocument();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  test('has every operation at its path and method, with the query parameters of the table', async () => {
    const document = await fetchDocument();
    expect(document.servers).toEqual([{ url: '/mc/cxf/rest/json' }]);
    const paths = document.paths as Record<string, Record<string, Node>>;
    expect(Object.keys(paths)).toEqual(operationNames.map((name) => `/${name}`));
    for (const operation of operationNames) {
      const binding = restBindings[operation];
      const entry = paths[`/${operation}`]![binding.method.toLowerCase()]!;
      expect(entry.operationId).toBe(operation);
      const table = operations[operation].request as Record<string, Param>;
      if (binding.input === 'query') {
        const params = entry.parameters as Node[];
        expect(params.map((p) => [p.name, p.in, p.required])).toEqual(
          Object.entries(table).map(([name, p]) => [name, 'query', p.required]),
        );
      } else {
        expect(entry.requestBody).toMatchObject({ required: true });
      }
    }
  });

  test('its result schemas accept every golden response and refuse a foreign fail reason', async () => {
    const document = await fetchDocument();
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'mcc', components: document.components }, 'mcc');
    for (const wire of loadWireCases()) {
      const name = operations[wire.operation].result.name;
      const validate = ajv.compile({ $ref: `mcc#/components/schemas/${name}` });
      expect(validate(JSON.parse(wire.response.body)), `${wire.operation}: ${wire.name}`).toBe(true);
      expect(validate({ result: 'FAILED', failReason: 'NOT_A_REASON' })).toBe(false);
    }
  });

  test('can be turned off, like the WADL', async () => {
    const bare = await serveRest(service, { openApiPath: false, wadlPath: false });
    try {
      expect((await http(`${bare.origin}/mc/cxf/rest/openapi.json`)).status).toBe(404);
      expect((await http(`${bare.origin}/mc/cxf/rest?_wadl`)).status).toBe(404);
      expect((await http(`${bare.baseUrl}/checkSession?sessionId=s`)).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
