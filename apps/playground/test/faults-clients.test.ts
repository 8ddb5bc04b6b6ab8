import { MccClientError, type MccService, type RetryEvent } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { describe, expect, test } from 'vitest';
import type { Playground } from '../src/server.js';
import { sample } from './support/prometheus.js';
import { call, playground } from './support.js';

/**
 * The REST and SOAP clients' retry policy (core's withRetry: retryable errors are sent again only
 * on read-only operations, or on a startSession whose sessionId the caller chose) against a
 * playground injecting faults. With seed 7 the random sequence starts 0.01, 0.06, 0.98: at rate 0.5
 * the first two calls of a faulty operation get the fault and the third does not.
 */

const FAST = { minDelayMs: 1, maxDelayMs: 2 };

type Transport = 'rest' | 'soap';

function client(
  p: Playground,
  transport: Transport,
  events: RetryEvent[] = [],
  extra: object = {},
): MccService {
  const retry = { ...FAST, onRetry: (e: RetryEvent) => events.push(e) };
  return transport === 'rest'
    ? createRestClient({ baseUrl: `${p.url}/mc/cxf/rest/json`, retry, ...extra })
    : createSoapClient({ baseUrl: `${p.url}/mc/cxf/soap`, retry, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

/** The fault counter, read from the registry (what `/metrics` shows). */
async function injected(p: Playground, transport: Transport, operation: string, kind: string) {
  const text = await p.metrics.registry.metrics();
  return sample(text, 'mcc_injected_faults_total', { transport, operation, kind }) ?? 0;
}

async function startSession(p: Playground): Promise<string> {
  const started = await call(`${p.url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT`);
  return started.body.sessionId as string;
}

describe.each(['rest', 'soap'] as const)('the %s client against injected faults', (transport) => {
  test('503 on a read-only operation: retried, then the answer (rate 0.5, seed 7)', async () => {
    const p = await playground({
      faults: { seed: 7, operations: { checkSession: { unavailable: { rate: 0.5 } } } },
    });
    const sessionId = await startSession(p);
    const events: RetryEvent[] = [];
    const answer = await client(p, transport, events).checkSession({ sessionId });
    expect(answer).toMatchObject({ result: 'SUCCESS', sessionId, status: 'NEW' });
    expect(events.map((e) => [e.attempt, e.error.code, e.error.status])).toEqual([
      // SOAP faults come with HTTP 500 (WS-I BP R1126), REST's 503 problem with 503.
      [1, transport === 'rest' ? 'HTTP_ERROR' : 'SOAP_FAULT', transport === 'rest' ? 503 : 500],
      [2, transport === 'rest' ? 'HTTP_ERROR' : 'SOAP_FAULT', transport === 'rest' ? 503 : 500],
    ]);
    expect(await injected(p, transport, 'checkSession', 'unavailable')).toBe(2);
  });

  test('503 on a write: not sent again, and the error says retrying it is not safe', async () => {
    const p = await playground({ faults: { operations: { closeSession: { unavailable: {} } } } });
    const sessionId = await startSession(p);
    const events: RetryEvent[] = [];
    const error = await failure(
      client(p, transport, events).closeSession({ sessionId, reason: 'REQUEST_FROM_CALLER' }),
    );
    expect(error).toMatchObject({
      status: transport === 'rest' ? 503 : 500,
      retryable: false,
      operation: 'closeSession',
    });
    expect(error.details).toMatchObject({ transient: true });
    expect(events).toEqual([]);
    expect(await injected(p, transport, 'closeSession', 'unavailable')).toBe(1);
    // the engine was never reached: the session is still open
    expect((await call(`${p.url}/api/sessions/${sessionId}`)).body.status).toBe('NEW');
  });

  test('a dropped connection is NETWORK_ERROR: read-only retried until it gives up, writes not retried', async () => {
    const p = await playground({
      faults: { operations: { checkSessionWithData: { drop: {} }, setSessionData: { drop: {} } } },
    });
    const sessionId = await startSession(p);
    const events: RetryEvent[] = [];
    const service = client(p, transport, events);
    const read = await failure(service.checkSessionWithData({ sessionId }));
    expect(read).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
    expect(events.map((e) => e.error.code)).toEqual(['NETWORK_ERROR', 'NETWORK_ERROR']);
    expect(await injected(p, transport, 'checkSessionWithData', 'drop')).toBe(3);

    events.length = 0;
    const write = await failure(service.setSessionData({ sessionId, sessionData: 'x' }));
    expect(write.code).toBe('NETWORK_ERROR');
    expect(events).toEqual([]);
    expect(await injected(p, transport, 'setSessionData', 'drop')).toBe(1);
  });

  test('a dropped connection on a read, half the time (seed 7): retried to success', async () => {
    const p = await playground({
      faults: { seed: 7, operations: { getServiceState: { drop: { rate: 0.5 } } } },
    });
    const events: RetryEvent[] = [];
    const answer = await client(p, transport, events).getServiceState({
      channelId: 1003,
      serviceCodes: ['SUPPORT'],
    });
    expect(answer.result).toBe('SUCCESS');
    expect(events.map((e) => e.error.code)).toEqual(['NETWORK_ERROR', 'NETWORK_ERROR']);
  });

  test('latency beyond the client timeout is TIMEOUT (retried on a read, as the policy says)', async () => {
    const p = await playground({ faults: { operations: { checkSession: { latency: { ms: 1500 } } } } });
    const events: RetryEvent[] = [];
    const service = client(p, transport, events, {
      timeoutMs: 150,
      retry: { ...FAST, retries: 1, onRetry: (e: RetryEvent) => events.push(e) },
    });
    const error = await failure(service.checkSession({ sessionId: 'any' }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(events.map((e) => e.error.code)).toEqual(['TIMEOUT']);
    expect(await injected(p, transport, 'checkSession', 'latency')).toBe(2);
  });

  test('a server-side fail reason is a FAILED result, never retried', async () => {
    const p = await playground({
      faults: { operations: { startSession: { failReason: { reason: 'DATABASE_ERROR' } } } },
    });
    const events: RetryEvent[] = [];
    // a startSession with its own sessionId is retry-safe; a result is still not an error to retry
    const answer = await client(p, transport, events).startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      sessionId: `mine-${transport}`,
    });
    expect(answer).toMatchObject({ result: 'FAILED', failReason: 'DATABASE_ERROR' });
    expect(events).toEqual([]);
    expect(await injected(p, transport, 'startSession', 'failReason')).toBe(1);
    expect((await call(`${p.url}/api/sessions/mine-${transport}`)).status).toBe(404);
  });

  test('a server error carries its message to the caller; a write is not retried', async () => {
    const p = await playground({
      faults: { operations: { sessionAccept: { serverError: { message: 'the backend exploded' } } } },
    });
    const sessionId = await startSession(p);
    const events: RetryEvent[] = [];
    const error = await failure(client(p, transport, events).sessionAccept({ sessionId }));
    expect(error).toMatchObject({ status: 500, retryable: false, details: { transient: true } });
    if (transport === 'soap') {
      expect(error.code).toBe('SOAP_FAULT');
      expect(error.details).toMatchObject({ faultCode: 'Server', faultString: 'the backend exploded' });
    } else {
      expect(error.code).toBe('HTTP_ERROR');
      expect(error.details?.body).toContain('the backend exploded');
    }
    expect(events).toEqual([]);
  });
});
