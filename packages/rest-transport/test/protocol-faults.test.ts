import { DropConnectionError, ServerFaultError, ServiceUnavailableError } from '@mcc/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROBLEM_MEDIA_TYPE } from '../src/server/index.js';
import { http } from './support/http.js';
import { type Listening, serveRest } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

/** Core's protocol faults, thrown by a service, as the REST handler answers them. */
const errors: unknown[] = [];
const { service } = scriptedService((_operation, request) => {
  if (request.sessionId === 'busy') throw new ServiceUnavailableError('try later', { retryAfterSeconds: 2 });
  if (request.sessionId === 'busy-no-hint') throw new ServiceUnavailableError();
  if (request.sessionId === 'broken') throw new ServerFaultError('the backend refused the call');
  if (request.sessionId === 'drop') throw new DropConnectionError();
  return undefined;
});
let server: Listening;

beforeAll(async () => {
  server = await serveRest(service, { onError: (error) => errors.push(error) });
});
afterAll(() => server.close());

describe('protocol faults over REST', () => {
  test('ServiceUnavailableError is a 503 problem with Retry-After', async () => {
    // closeSession has an internal fail reason (GENERIC): the 503 still wins.
    const answer = await http(`${server.baseUrl}/closeSession?sessionId=busy`);
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toBe(PROBLEM_MEDIA_TYPE);
    expect(answer.headers['retry-after']).toBe('2');
    expect(answer.json).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'try later' });
    const bare = await http(`${server.baseUrl}/checkSession?sessionId=busy-no-hint`);
    expect(bare.status).toBe(503);
    expect(bare.headers['retry-after']).toBeUndefined();
  });

  test('ServerFaultError is a 500 problem carrying its message', async () => {
    const answer = await http(`${server.baseUrl}/checkSession?sessionId=broken`);
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ code: 'INTERNAL_ERROR', detail: 'the backend refused the call' });
  });

  test('DropConnectionError closes the connection without an answer', async () => {
    await expect(http(`${server.baseUrl}/checkSession?sessionId=drop`)).rejects.toMatchObject({
      code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/),
    });
    // the server goes on serving
    const after = await http(`${server.baseUrl}/checkSession?sessionId=alive`);
    expect(after.json).toMatchObject({ result: 'SUCCESS' });
  });

  test('none of them is reported to onError: they are meant', () => {
    expect(errors).toEqual([]);
  });
});
