import { DropConnectionError, type MccService, ServerFaultError, ServiceUnavailableError } from '@mcc/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';
import { envelope, expectFault, post } from './support/soap-http.js';

/** Core's protocol faults, thrown by a service, as the SOAP handler answers them. */
const fake = createFakeService();
const service: MccService = {
  ...fake,
  async closeSession(request, options) {
    if (request.sessionId === 'busy')
      throw new ServiceUnavailableError('try later', { retryAfterSeconds: 2 });
    if (request.sessionId === 'broken') throw new ServerFaultError('the backend refused the call');
    if (request.sessionId === 'drop') throw new DropConnectionError();
    return fake.closeSession(request, options);
  },
};
const errors: unknown[] = [];
let http: Listening;
let url: string;
beforeAll(async () => {
  http = await listen(createSoapHandler(service, { onError: (error) => errors.push(error) }));
  url = `${http.origin}/mc/cxf/soap`;
});
afterAll(() => http.close());

const close = (id: string) => `<m:closeSession><sessionId>${id}</sessionId></m:closeSession>`;

describe('protocol faults over SOAP', () => {
  test('ServiceUnavailableError is a Server fault with HTTP 500 (R1126) and Retry-After, in either version', async () => {
    const answer = await post(url, envelope(close('busy')));
    expect(expectFault(answer, '1.1', 'Server', 500)).toBe('try later');
    expect(answer.headers['retry-after']).toBe('2');
    const soap12 = await post(url, envelope(close('busy'), '1.2'), {
      'content-type': 'application/soap+xml; charset=utf-8',
    });
    expect(expectFault(soap12, '1.2', 'Server', 500)).toBe('try later');
    expect(soap12.headers['retry-after']).toBe('2');
  });

  test('ServerFaultError is a Server fault (HTTP 500) whose fault string is its message', async () => {
    const answer = await post(url, envelope(close('broken')));
    expect(expectFault(answer, '1.1', 'Server')).toBe('the backend refused the call');
  });

  test('DropConnectionError closes the connection without an answer; the server goes on', async () => {
    await expect(post(url, envelope(close('drop')))).rejects.toMatchObject({
      code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/),
    });
    const after = await post(url, envelope(close('nobody')));
    expect(after.status).toBe(200);
    expect(errors).toEqual([]);
  });
});
