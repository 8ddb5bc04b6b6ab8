import { describe, expect, test } from 'vitest';
import { sample } from './support/prometheus.js';
import { call, playground } from './support.js';

const REST = '/mc/cxf/rest/json';

describe('faults through the control API', () => {
  test('set, read, replace one operation, clear one, clear all', async () => {
    const p = await playground();
    expect((await call(`${p.url}/api/faults`)).body).toEqual({ operations: {} });

    const put = await call(`${p.url}/api/faults`, {
      method: 'PUT',
      json: { seed: 5, operations: { startSession: { failReason: { reason: 'DATABASE_ERROR', rate: 1 } } } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      seed: 5,
      operations: { startSession: { failReason: { reason: 'DATABASE_ERROR', rate: 1 } } },
    });
    expect((await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`)).body).toMatchObject({
      result: 'FAILED',
      failReason: 'DATABASE_ERROR',
    });

    const one = await call(`${p.url}/api/faults/operations/checkSession`, {
      method: 'PUT',
      json: { unavailable: { retryAfterSeconds: 3 } },
    });
    expect(one.body).toEqual({
      seed: 5,
      operations: {
        startSession: { failReason: { reason: 'DATABASE_ERROR', rate: 1 } },
        checkSession: { unavailable: { rate: 1, retryAfterSeconds: 3 } },
      },
    });
    const unavailable = await call(`${p.url}${REST}/checkSession?sessionId=x`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('3');
    expect(unavailable.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    const cleared = await call(`${p.url}/api/faults/operations/startSession`, { method: 'DELETE' });
    expect(cleared.body).toEqual({
      seed: 5,
      operations: { checkSession: { unavailable: { rate: 1, retryAfterSeconds: 3 } } },
    });
    expect((await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`)).body).toMatchObject({
      result: 'SUCCESS',
    });
    // an empty body sets nothing: the operation has no fault left
    expect(
      (await call(`${p.url}/api/faults/operations/checkSession`, { method: 'PUT', json: {} })).body,
    ).toEqual({
      seed: 5,
      operations: {},
    });

    await call(`${p.url}/api/faults/operations/getServiceState`, { method: 'PUT', json: { drop: {} } });
    expect((await call(`${p.url}/api/faults`, { method: 'DELETE' })).body).toEqual({
      seed: 5,
      operations: {},
    });
    expect((await call(`${p.url}/api/faults`)).body).toEqual({ seed: 5, operations: {} });
  });

  test('invalid settings are 400 problems naming the path; unknown operations 404; nothing changes', async () => {
    const p = await playground({ faults: { operations: { closeSession: { drop: { rate: 0.5 } } } } });
    const bad = await call(`${p.url}/api/faults`, {
      method: 'PUT',
      json: {
        operations: {
          checkSession: { failReason: { reason: 'DATABASE_ERROR' } },
          startSession: { latency: {} },
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ARGUMENT');
    expect(bad.body.detail).toContain(
      'operations.checkSession.failReason.reason: checkSession has no server-side fail reason',
    );
    expect(bad.body.detail).toContain(
      'operations.startSession.latency: give ms (fixed) or both minMs and maxMs',
    );

    const one = await call(`${p.url}/api/faults/operations/startSession`, {
      method: 'PUT',
      json: { failReason: { reason: 'NO_LICENSE', rate: 0.5 } },
    });
    expect(one.status).toBe(400);
    expect(one.body.detail).toMatch(
      /^operations\.startSession\.failReason\.reason: must be one of .*DATABASE_ERROR/,
    );
    const rate = await call(`${p.url}/api/faults/operations/startSession`, {
      method: 'PUT',
      json: { drop: { rate: '1' } },
    });
    expect(rate.body.detail).toBe(
      'operations.startSession.drop.rate: must be a number from 0 to 1 (the share of calls)',
    );

    const unknown = await call(`${p.url}/api/faults/operations/checkSesion`, {
      method: 'PUT',
      json: { drop: {} },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await call(`${p.url}/api/faults/operations/nope`, { method: 'DELETE' })).status).toBe(404);
    const notJson = await call(`${p.url}/api/faults`, {
      method: 'PUT',
      body: '{ operations',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('MALFORMED_JSON');

    expect((await call(`${p.url}/api/faults`)).body).toEqual({
      operations: { closeSession: { drop: { rate: 0.5 } } },
    });
  });

  test('the catalog lists each operation with the fail reasons it may be given', async () => {
    const p = await playground();
    const catalog = (await call(`${p.url}/api/faults/catalog`)).body;
    expect(catalog.kinds).toEqual(['latency', 'drop', 'unavailable', 'serverError', 'failReason']);
    expect(catalog.operations).toHaveLength(8);
    expect(catalog.operations.find((o: { name: string }) => o.name === 'checkSession')).toEqual({
      name: 'checkSession',
      readOnly: true,
      failReasons: [],
    });
    expect(catalog.operations.find((o: { name: string }) => o.name === 'closeSession').failReasons).toContain(
      'DATABASE_ERROR',
    );
  });

  test('/metrics shows the settings in force and counts the faults injected', async () => {
    const p = await playground({
      faults: {
        operations: {
          startSession: { failReason: { reason: 'TIMEOUT_EXCEEDED' } },
          checkSession: { latency: { minMs: 1, maxMs: 3 }, serverError: { rate: 1, message: 'no' } },
        },
      },
    });
    let text = (await call(`${p.url}/metrics`)).body as string;
    expect(sample(text, 'mcc_fault_rate', { operation: 'startSession', kind: 'failReason' })).toBe(1);
    expect(sample(text, 'mcc_fault_latency_seconds', { operation: 'checkSession', bound: 'max' })).toBe(
      0.003,
    );
    expect(
      sample(text, 'mcc_injected_faults_total', {
        transport: 'rest',
        operation: 'startSession',
        kind: 'failReason',
      }),
    ).toBeUndefined();

    await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`);
    await call(`${p.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`);
    expect((await call(`${p.url}${REST}/checkSession?sessionId=x`)).status).toBe(500);
    text = (await call(`${p.url}/metrics`)).body as string;
    expect(
      sample(text, 'mcc_injected_faults_total', {
        transport: 'rest',
        operation: 'startSession',
        kind: 'failReason',
      }),
    ).toBe(2);
    expect(
      sample(text, 'mcc_injected_faults_total', {
        transport: 'rest',
        operation: 'checkSession',
        kind: 'latency',
      }),
    ).toBe(1);
    expect(
      sample(text, 'mcc_injected_faults_total', {
        transport: 'rest',
        operation: 'checkSession',
        kind: 'serverError',
      }),
    ).toBe(1);
    // the injected answers are counted like any other
    expect(
      sample(text, 'mcc_fail_reasons_total', {
        transport: 'rest',
        operation: 'startSession',
        fail_reason: 'TIMEOUT_EXCEEDED',
      }),
    ).toBe(2);
    expect(
      sample(text, 'mcc_requests_total', { transport: 'rest', operation: 'checkSession', result: 'ERROR' }),
    ).toBe(1);

    await call(`${p.url}/api/faults`, { method: 'DELETE' });
    text = (await call(`${p.url}/metrics`)).body as string;
    expect(sample(text, 'mcc_fault_rate', { operation: 'startSession', kind: 'failReason' })).toBeUndefined();
    expect(
      sample(text, 'mcc_injected_faults_total', {
        transport: 'rest',
        operation: 'startSession',
        kind: 'failReason',
      }),
    ).toBe(2);
  });

  test('closing the server ends injected delays: the call in flight is answered, not cut', async () => {
    const p = await playground({ faults: { operations: { checkSession: { latency: { ms: 60_000 } } } } });
    const pending = call(`${p.url}${REST}/checkSession?sessionId=nobody`);
    await expect
      .poll(async () =>
        sample(await p.metrics.registry.metrics(), 'mcc_injected_faults_total', {
          transport: 'rest',
          operation: 'checkSession',
          kind: 'latency',
        }),
      )
      .toBe(1);
    await p.close();
    expect((await pending).body).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
  });
});
