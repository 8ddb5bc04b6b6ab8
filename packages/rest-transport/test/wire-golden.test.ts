import { operationNames } from '@mcc/core';
import { inject } from 'light-my-request';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRestClient } from '../src/client/index.js';
import { createRestHandler } from '../src/server/index.js';
import { loadWireCases, target, type WireCase } from './support/fixtures.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const cases = loadWireCases();
const ORIGIN = 'http://tvox.test';

/** A service that answers each golden case's request with that case's result. */
function goldenService() {
  return scriptedService((operation, request) => {
    const match = cases.find(
      (c) => c.operation === operation && JSON.stringify(c.request) === JSON.stringify(request),
    );
    return match?.result;
  });
}

describe('golden fixtures', () => {
  test('cover every operation with a SUCCESS and a FAILED case', () => {
    for (const operation of operationNames) {
      const outcomes = cases.filter((c) => c.operation === operation).map((c) => c.result.result);
      expect(outcomes, operation).toEqual(expect.arrayContaining(['SUCCESS', 'FAILED']));
    }
  });
});

describe.each(cases.map((c) => [`${c.operation} — ${c.name}`, c] as const))('%s', (_name, wire: WireCase) => {
  test('the client sends exactly the golden request and reads the golden response', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen: { method: string; path: string; body: unknown; headers: unknown }[] = [];
    agent
      .get(ORIGIN)
      .intercept({ path: () => true, method: () => true })
      .reply((options) => {
        seen.push({
          method: options.method,
          path: options.path,
          body: options.body,
          headers: options.headers,
        });
        return {
          statusCode: wire.response.status,
          data: wire.response.body,
          responseOptions: { headers: { 'content-type': wire.response.contentType } },
        };
      });
    const client = createRestClient({
      baseUrl: `${ORIGIN}/mc/cxf/rest/json`,
      dispatcher: agent,
      retry: { retries: 0 },
    });
    const call = client[wire.operation] as (r: unknown) => Promise<unknown>;
    await expect(call(wire.request)).resolves.toEqual(wire.result);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: wire.http.method, path: target(wire) });
    expect(seen[0]?.body ?? undefined).toEqual(wire.http.body);
    const headers = seen[0]?.headers as Record<string, string>;
    expect(headers['content-type']).toBe(wire.http.contentType);
    await agent.close();
  });

  test('the server writes exactly the golden response (no network)', async () => {
    const { service, calls } = goldenService();
    const handler = createRestHandler(service);
    const response = await inject((req, res) => handler(req, res), {
      method: wire.http.method as 'GET' | 'PUT',
      url: target(wire),
      ...(wire.http.contentType ? { headers: { 'content-type': wire.http.contentType } } : {}),
      ...(wire.http.body ? { payload: wire.http.body } : {}),
    });
    expect(calls).toEqual([{ operation: wire.operation, request: wire.request }]);
    expect(response.statusCode).toBe(wire.response.status);
    expect(response.headers['content-type']).toBe(wire.response.contentType);
    expect(response.body).toBe(wire.response.body);
  });
});

describe('golden round trip over a real socket', () => {
  const golden = goldenService();
  let server: Listening;

  beforeAll(async () => {
    server = await serveRest(golden.service);
  });
  afterAll(() => server.close());

  test.each(cases.map((c) => [`${c.operation} — ${c.name}`, c] as const))('%s', async (_name, wire) => {
    const client = createRestClient({ baseUrl: server.baseUrl, retry: { retries: 0 } });
    const call = client[wire.operation] as (r: unknown) => Promise<unknown>;
    await expect(call(wire.request)).resolves.toEqual(wire.result);
    expect(golden.calls.at(-1)).toEqual({ operation: wire.operation, request: wire.request });
    await client.close();
  });
});
