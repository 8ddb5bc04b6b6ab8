import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MccClientError } from '@mcc/core';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapClient } from '../src/client/index.js';
import { writeFault } from '../src/envelope/fault.js';
import { createSoapHandler, type SoapCredentials, verifyUsernameToken } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';

/** The MccClientError a promise rejects with. */
async function clientError(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

/** An undici agent recording each request it sends (the client's injectable transport). */
function recordingAgent(): { agent: Dispatcher; sent: Dispatcher.DispatchOptions[] } {
  const sent: Dispatcher.DispatchOptions[] = [];
  const agent = new Agent().compose((dispatch) => (opts, handler) => {
    sent.push(opts);
    return dispatch(opts, handler);
  });
  return { agent, sent };
}

describe('errors that are not results', () => {
  let http: Listening;
  let attempts = 0;
  let reply: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  beforeAll(async () => {
    http = await listen((req, res) => {
      attempts++;
      req.resume();
      req.on('end', () => reply(req, res));
    });
  });
  afterAll(() => http.close());

  const client = (extra = {}) =>
    createSoapClient({
      baseUrl: `${http.origin}/mc/cxf/soap`,
      retry: { minDelayMs: 1, maxDelayMs: 2 },
      ...extra,
    });
  const fault =
    (code: 'Client' | 'Server', status = 500) =>
    (_req: IncomingMessage, res: ServerResponse) =>
      res
        .writeHead(status, { 'content-type': 'text/xml' })
        .end(writeFault('1.1', code, `it went wrong (${code})`));

  test('a Client fault is SOAP_FAULT, not retried', async () => {
    attempts = 0;
    reply = fault('Client');
    const error = await clientError(client().checkSession({ sessionId: 's' }));
    expect(error).toMatchObject({
      code: 'SOAP_FAULT',
      status: 500,
      retryable: false,
      operation: 'checkSession',
    });
    expect(error.details).toMatchObject({ faultCode: 'Client', faultString: 'it went wrong (Client)' });
    expect(attempts).toBe(1);
  });

  test('a Server fault is retryable: retried on a read-only call, not on sessionAccept', async () => {
    attempts = 0;
    reply = fault('Server');
    expect(await clientError(client().checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'SOAP_FAULT',
      retryable: true,
    });
    expect(attempts).toBe(3);
    attempts = 0;
    await clientError(client().sessionAccept({ sessionId: 's' }));
    expect(attempts).toBe(1);
  });

  test('a retry that then succeeds returns the result', async () => {
    attempts = 0;
    reply = (req, res) =>
      attempts === 1
        ? fault('Server')(req, res)
        : res
            .writeHead(200, { 'content-type': 'text/xml' })
            .end(
              '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>' +
                '<ns2:checkSessionStateResponse xmlns:ns2="http://mcc.tvox/"><return><result>SUCCESS</result>' +
                '<sessionId>s</sessionId><status>TRANSFERRED</status><username xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>' +
                '<extra>ignored</extra></return></ns2:checkSessionStateResponse></S:Body></S:Envelope>',
            );
    const events: number[] = [];
    const answer = await client({
      retry: { minDelayMs: 1, onRetry: (e: { attempt: number }) => events.push(e.attempt) },
    }).checkSession({ sessionId: 's' });
    // Tolerant reading: xsi:nil is absent, an unknown status reaches the caller as written,
    // unknown elements are ignored.
    expect(answer).toEqual({ result: 'SUCCESS', sessionId: 's', status: 'TRANSFERRED' });
    expect(events).toEqual([1]);
  });

  test('an HTTP error without a fault is HTTP_ERROR (5xx retryable)', async () => {
    reply = (_req, res) =>
      res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
    expect(
      await clientError(client({ retry: { retries: 0 } }).checkSession({ sessionId: 's' })),
    ).toMatchObject({
      code: 'HTTP_ERROR',
      status: 503,
      retryable: true,
    });
  });

  test('an answer that is not the operation response is MALFORMED_RESPONSE', async () => {
    reply = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('<html>oops</html>');
    expect(await clientError(client().checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
    reply = (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><m:checkSessionStateResponse xmlns:m="urn:x">' +
            '<return><result>MAYBE</result></return></m:checkSessionStateResponse></S:Body></S:Envelope>',
        );
    expect(await clientError(client().checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });

  test('no answer within timeoutMs is TIMEOUT; an aborted call is ABORTED and not retried', async () => {
    reply = () => {};
    expect(
      await clientError(client({ timeoutMs: 50, retry: { retries: 0 } }).checkSession({ sessionId: 's' })),
    ).toMatchObject({ code: 'TIMEOUT', retryable: true });
    attempts = 0;
    const controller = new AbortController();
    // Aborted once the request has reached the server (which never answers it).
    reply = () => controller.abort();
    const call = client().checkSession({ sessionId: 's' }, { signal: controller.signal });
    expect(await clientError(call)).toMatchObject({ code: 'ABORTED' });
    expect(attempts).toBe(1);
  });

  test('a refused connection is NETWORK_ERROR', async () => {
    const closed = await listen(() => {});
    await closed.close();
    const error = await clientError(
      createSoapClient({ baseUrl: `${closed.origin}/mc/cxf/soap`, retry: { retries: 0 } }).checkSession({
        sessionId: 's',
      }),
    );
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true });
  });

  test('a WSDL that cannot be fetched or read rejects ready()', async () => {
    reply = (_req, res) => res.writeHead(404).end('no');
    expect(await clientError(createSoapClient({ wsdlUrl: `${http.origin}/x?wsdl` }).ready())).toMatchObject({
      code: 'HTTP_ERROR',
      status: 404,
    });
    reply = (_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('<not-a-wsdl/>');
    expect(await clientError(createSoapClient({ wsdlUrl: `${http.origin}/x?wsdl` }).ready())).toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });
});

describe('credentials', () => {
  let http: Listening;
  const seen: SoapCredentials[] = [];
  beforeAll(async () => {
    http = await listen(
      createSoapHandler(createFakeService(), {
        authenticate: (c) => {
          seen.push(c);
          const basicOk = !c.basic || (c.basic.username === 'mcc' && c.basic.password === 'pw');
          const tokenOk = !c.usernameToken || verifyUsernameToken(c.usernameToken, 'pw');
          return (c.basic !== undefined || c.usernameToken !== undefined) && basicOk && tokenOk;
        },
      }),
    );
  });
  afterAll(() => http.close());

  test.each([
    ['basic', undefined],
    ['ws-security', 'text'],
    ['ws-security', 'digest'],
    ['both', 'digest'],
  ] as const)(
    '%s (%s) is accepted, with the WSDL fetched under the same credentials',
    async (scheme, passwordType) => {
      const from = seen.length;
      const client = createSoapClient({
        wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl`,
        auth: { username: 'mcc', password: 'pw', scheme, ...(passwordType ? { passwordType } : {}) },
      });
      expect(await client.checkSession({ sessionId: 'x' })).toMatchObject({ result: 'FAILED' });
      await client.close();
      // The server checks Basic credentials and each UsernameToken separately.
      const mine = seen.slice(from);
      expect(mine.some((c) => c.basic !== undefined)).toBe(scheme !== 'ws-security');
      expect(mine.find((c) => c.usernameToken)?.usernameToken?.passwordType).toBe(passwordType);
    },
  );

  test('wrong credentials are UNAUTHORIZED (the Client fault came with HTTP 401)', async () => {
    const client = createSoapClient({
      baseUrl: `${http.origin}/mc/cxf/soap`,
      auth: { username: 'mcc', password: 'nope', scheme: 'ws-security' },
    });
    expect(await clientError(client.checkSession({ sessionId: 'x' }))).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      retryable: false,
    });
  });
});

describe('a WSDL this package did not generate', () => {
  const NS = 'http://ws.mcc.example.com/';
  const fixtures = new URL('./fixtures/foreign/', import.meta.url);
  let http: Listening;
  beforeAll(async () => {
    const soap = createSoapHandler(createFakeService(), { path: '/services/mcc', namespace: NS });
    http = await listen((req, res) => {
      const file = req.url?.match(/^\/wsdl\/([\w.-]+)$/)?.[1];
      if (!file) return soap(req, res);
      const text = readFileSync(new URL(file, fixtures), 'utf8').replaceAll(
        '{{ADDRESS}}',
        `${http.origin}/services/mcc`,
      );
      res.writeHead(200, { 'content-type': 'text/xml' }).end(text);
    });
  });
  afterAll(() => http.close());

  test('is followed: its address, namespace, SOAPActions, qualified children and imported XSD', async () => {
    const { agent, sent } = recordingAgent();
    const client = createSoapClient({ wsdlUrl: `${http.origin}/wsdl/mcc.wsdl`, dispatcher: agent });
    const start = await client.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'f-1' });
    expect(start).toEqual({ result: 'SUCCESS', sessionId: 'f-1' });
    expect(await client.getServiceState({ channelId: 1, serviceCodes: ['A', 'OFF'] })).toMatchObject({
      state: { A: 'ACTIVE', OFF: 'OUT_OF_SERVICE' },
    });
    const post = sent.find((s) => s.method === 'POST')!;
    expect(post.path).toBe('/services/mcc');
    expect((post.headers as Record<string, string>).soapaction).toBe('"urn:startSession"');
    expect(String(post.body)).toContain(`xmlns:mcc="${NS}"`);
    expect(String(post.body)).toContain('<mcc:startSession><mcc:channelId>1</mcc:channelId><mcc:serviceid>');
    expect(sent.filter((s) => s.method === 'GET').map((s) => s.path)).toEqual([
      '/wsdl/mcc.wsdl',
      '/wsdl/mcc-types.xsd',
    ]);
  });

  test('an endpoint option overrides the WSDL address', async () => {
    const { agent, sent } = recordingAgent();
    const client = createSoapClient({
      wsdlUrl: `${http.origin}/wsdl/mcc.wsdl`,
      dispatcher: agent,
      baseUrl: `${http.origin}/services/mcc?via=option`,
    });
    expect(await client.checkSession({ sessionId: 'none' })).toMatchObject({
      failReason: 'INVALID_SESSION_ID',
    });
    expect(sent.at(-1)?.path).toBe('/services/mcc?via=option');
  });
});
