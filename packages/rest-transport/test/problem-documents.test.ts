import { operationNames } from '@mcc/core';
import { createCredentialChecker, PROBLEM_TYPES, problemCodes } from '@mcc/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restAuthenticator } from '../src/server/index.js';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

/** The problem writer, the OpenAPI document and the WADL read one table (PROBLEM_TYPES of @mcc/http). */
type Node = Record<string, unknown>;
const { service } = scriptedService();
let open: Listening;
let locked: Listening;

beforeAll(async () => {
  open = await serveRest(service, { throttle: (req) => (req.headers['x-busy'] ? 2 : undefined) });
  locked = await serveRest(service, {
    authenticate: restAuthenticator(createCredentialChecker({ apiKeys: ['k1'] })),
  });
});
afterAll(async () => {
  await Promise.all([open.close(), locked.close()]);
});

const openApi = async (server: Listening) =>
  (await http(`${server.origin}/mc/cxf/rest/openapi.json`)).json as Node;

describe('OpenAPI problems', () => {
  test('the code enum is every problem code; each status has its response, 401, 429 and 503 included', async () => {
    const document = await openApi(open);
    const components = document.components as Node;
    const problem = (components.schemas as Node).Problem as Node;
    expect(((problem.properties as Node).code as Node).enum).toEqual(problemCodes);
    for (const name of operationNames) {
      const path = (document.paths as Node)[`/${name}`] as Node;
      const operation = Object.values(path)[0] as Node;
      const responses = operation.responses as Node;
      for (const status of ['400', '401', '404', '405', '414', '429', '431', '500', '503'])
        expect(responses[status], `${name} ${status}`).toEqual({
          $ref: `#/components/responses/Problem${status}`,
        });
      expect(Boolean(responses['413']), name).toBe(name === 'setSessionData');
    }
    expect(Object.keys(components.responses as Node).sort()).toEqual(
      [...new Set(Object.values(PROBLEM_TYPES).map(({ status }) => `Problem${status}`))].sort(),
    );
  });

  test('no security schemes on an open server; Basic and bearer when it asks for credentials', async () => {
    const plain = await openApi(open);
    expect(plain.security).toBeUndefined();
    expect((plain.components as Node).securitySchemes).toBeUndefined();
    const secured = await openApi(locked);
    expect(secured.security).toEqual([{ basicAuth: [] }, { bearerAuth: [] }]);
    expect((secured.components as Node).securitySchemes).toMatchObject({
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
    });
    const validator = new Validator();
    expect((await validator.validate(secured)).valid).toBe(true);
  });

  test('what the server answers is what the document declares (401, 429)', async () => {
    const document = await openApi(locked);
    const refused = await http(`${locked.baseUrl}/checkSession?sessionId=s`);
    expect(refused.status).toBe(401);
    const declared = ((document.components as Node).schemas as Node).Problem as Node;
    expect(((declared.properties as Node).code as Node).enum).toContain((refused.json as Node).code);
    const busy = await http(`${open.baseUrl}/checkSession?sessionId=s`, { headers: { 'x-busy': '1' } });
    expect(busy.status).toBe(429);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
  });
});

describe('WADL problems', () => {
  test('error statuses come from the same table (401, 429, 503 included; 413/415 only with a body)', async () => {
    const answer = await http(`${open.origin}/mc/cxf/rest?_wadl`);
    const wadl = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      answer.text,
    ) as Node;
    const resources = ((wadl.application as Node).resources as Node).resource as Node[];
    const statuses = [...new Set(Object.values(PROBLEM_TYPES).map(({ status }) => status))];
    for (const resource of resources) {
      const method = resource.method as Node;
      const errors = ((method.response as Node[])[1] as Node).status as string;
      const expected = statuses.filter((s) => method.name === 'PUT' || (s !== 413 && s !== 415));
      expect(errors.split(' ').map(Number)).toEqual(expected);
    }
  });
});
