import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationName, type RequestOf, waitForSessionStatus } from '@mcc/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapClient, MccClientError } from '../src/client/index.js';
import { type Listening, listen } from './support/listen.js';

/**
 * A foreign MCC: a plain node:http server answering canned SOAP bodies in the styles CXF and other
 * stacks write (prefixes, default namespaces, qualified children, `xsi:nil`, comments, BOM) — not
 * our server.
 */
let http: Listening;
let reply: { status: number; body: string } = { status: 200, body: '' };
let requests = 0;

beforeAll(async () => {
  http = await listen((req: IncomingMessage, res: ServerResponse) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(reply.body);
    });
  });
});
afterAll(() => http.close());

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** CXF's own style: `soap:` envelope, `ns2:` wrapper, unqualified children. */
function cxf(wrapper: string, inner: string): string {
  return `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><ns2:${wrapper} xmlns:ns2="http://mcc.tvox/"><return>${inner}</return></ns2:${wrapper}></soap:Body></soap:Envelope>`;
}

async function answer<N extends OperationName>(
  operation: N,
  request: RequestOf<N>,
  body: string,
  options: { strict?: boolean; soapVersion?: '1.1' | '1.2' } = {},
) {
  reply = { status: 200, body };
  const client = createSoapClient({
    baseUrl: `${http.origin}/mc/cxf/soap`,
    retry: { retries: 0 },
    ...options,
  });
  try {
    const call = client[operation] as (r: RequestOf<N>) => Promise<unknown>;
    return await call(request);
  } finally {
    await client.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<MccClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MccClientError);
  return error as MccClientError;
}

const styles: Array<[string, OperationName, Record<string, unknown>, string, unknown]> = [
  [
    'default namespaces, no prefix at all, an XML declaration and a BOM',
    'checkSession',
    { sessionId: 's' },
    `\uFEFF<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="${SOAP11}"><Body><checkSessionStateResponse xmlns="http://mcc.tvox/"><return xmlns=""><result>SUCCESS</result><sessionId>s</sessionId><status>QUEUED</status><customMessage>3rd in line</customMessage></return></checkSessionStateResponse></Body></Envelope>`,
    { result: 'SUCCESS', sessionId: 's', status: 'QUEUED', customMessage: '3rd in line' },
  ],
  [
    'qualified children under other prefixes, comments and white space',
    'startSession',
    { channelId: 1003, serviceid: 'SUPPORT' },
    `<S:Envelope xmlns:S="${SOAP11}">\n  <!-- served by a gateway -->\n  <S:Header/>\n  <S:Body>\n    <m:startSessionResponse xmlns:m="http://mcc.tvox/">\n      <m:return>\n        <m:result>SUCCESS</m:result>\n        <!-- new id -->\n        <m:sessionId>s-1</m:sessionId>\n      </m:return>\n    </m:startSessionResponse>\n  </S:Body>\n</S:Envelope>`,
    { result: 'SUCCESS', sessionId: 's-1' },
  ],
  [
    'xsi:nil for absent fields',
    'checkSessionWithData',
    { sessionId: 's' },
    cxf(
      'checkSessionStateWithDataResponse',
      `<result>SUCCESS</result><sessionId>s</sessionId><status>NEW</status><username xmlns:xsi="${XSI}" xsi:nil="true"/><data>d</data><sessionData xmlns:i="${XSI}" i:nil="1"/>`,
    ),
    { result: 'SUCCESS', sessionId: 's', status: 'NEW', data: 'd' },
  ],
  [
    'minimal: LogoutAgentResult with no fields',
    'logoutAgentFromChannel',
    { channelId: 2, agentUsername: 'carol' },
    cxf('logoutAgentFromChannelResponse', '<result>SUCCESS</result>'),
    { result: 'SUCCESS' },
  ],
  [
    'minimal: getServiceState without channelId',
    'getServiceState',
    { channelId: 1, serviceCodes: ['A'] },
    cxf(
      'getServiceStateResponse',
      '<result>SUCCESS</result><state><entry><key>A</key><value>ACTIVE</value></entry></state>',
    ),
    { result: 'SUCCESS', state: { A: 'ACTIVE' } },
  ],
  [
    'minimal: closeSession without sessionId',
    'closeSession',
    { sessionId: 's' },
    cxf('closeSessionResponse', '<result>SUCCESS</result>'),
    { result: 'SUCCESS' },
  ],
  [
    'minimal: sessionAccept without status',
    'sessionAccept',
    { sessionId: 's' },
    cxf('sessionAcceptResponse', '<result>SUCCESS</result><sessionId>s</sessionId>'),
    { result: 'SUCCESS', sessionId: 's' },
  ],
  [
    'unknown: a fail reason from a newer server',
    'sessionAccept',
    { sessionId: 's' },
    cxf('sessionAcceptResponse', '<result>FAILED</result><failReason>QUEUE_FULL</failReason>'),
    { result: 'FAILED', failReason: 'QUEUE_FULL' },
  ],
  [
    'unknown: a status and a service state from a newer server',
    'getServiceState',
    { channelId: 1, serviceCodes: ['A', 'B'] },
    cxf(
      'getServiceStateResponse',
      '<result>SUCCESS</result><state><entry><key>A</key><value>PAUSED</value></entry><entry><key>B</key><value>ACTIVE</value></entry></state><channelId>1</channelId>',
    ),
    { result: 'SUCCESS', channelId: 1, state: { A: 'PAUSED', B: 'ACTIVE' } },
  ],
  [
    'extra elements',
    'setSessionData',
    { sessionId: 's', sessionData: 'x' },
    cxf(
      'setSessionDataResponse',
      '<result>SUCCESS</result><sessionId>s</sessionId><sessionData>x</sessionData><serverTime>1700000000</serverTime>',
    ),
    { result: 'SUCCESS', sessionId: 's', sessionData: 'x' },
  ],
];

describe('the SOAP client against a foreign MCC', () => {
  test.each(styles)('%s: read', async (_name, operation, request, body, expected) => {
    expect(await answer(operation, request as never, body)).toEqual(expected);
  });

  test.each(styles.filter(([name]) => !name.startsWith('default') && !name.startsWith('qualified')))(
    '%s: a deviation in strict mode',
    async (_name, operation, request, body) => {
      const error = await rejection(answer(operation, request as never, body, { strict: true }));
      expect(error.code).toBe('MALFORMED_RESPONSE');
      expect(error.details?.deviations).toEqual(expect.arrayContaining([expect.any(String)]));
    },
  );

  test('prefix styles are not deviations: strict mode reads them', async () => {
    const [, operation, request, body, expected] = styles[1]!;
    expect(await answer(operation, request as never, body, { strict: true })).toEqual(expected);
  });

  test('a SOAP 1.2 envelope', async () => {
    const body = `<env:Envelope xmlns:env="${SOAP12}"><env:Body><ns2:closeSessionResponse xmlns:ns2="http://mcc.tvox/"><return><result>SUCCESS</result><sessionId>s</sessionId></return></ns2:closeSessionResponse></env:Body></env:Envelope>`;
    expect(await answer('closeSession', { sessionId: 's' }, body, { soapVersion: '1.2' })).toEqual({
      result: 'SUCCESS',
      sessionId: 's',
    });
  });

  test('a CXF Server fault: retried on a read, reported not retryable on an unsafe start', async () => {
    reply = {
      status: 500,
      body: `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Fault occurred while processing.</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
    };
    const client = createSoapClient({
      baseUrl: `${http.origin}/mc/cxf/soap`,
      retry: { minDelayMs: 1, maxDelayMs: 2 },
    });
    requests = 0;
    const read = await rejection(client.checkSession({ sessionId: 's' }));
    expect(read).toMatchObject({ code: 'SOAP_FAULT', status: 500, retryable: true });
    expect(read.details).toMatchObject({
      faultCode: 'Server',
      faultString: 'Fault occurred while processing.',
    });
    expect(requests).toBe(3);
    requests = 0;
    const start = await rejection(client.startSession({ channelId: 1003, serviceid: 'SUPPORT' }));
    expect(start).toMatchObject({ code: 'SOAP_FAULT', retryable: false, details: { transient: true } });
    expect(requests).toBe(1);
    await client.close();
  });

  test('a Client fault is not retryable; an answer of another operation is MALFORMED_RESPONSE', async () => {
    const clientFault = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unmarshalling Error</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
    reply = { status: 500, body: clientFault };
    const client = createSoapClient({ baseUrl: `${http.origin}/mc/cxf/soap`, retry: { minDelayMs: 1 } });
    expect(await rejection(client.checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'SOAP_FAULT',
      retryable: false,
    });
    reply = { status: 200, body: cxf('closeSessionResponse', '<result>SUCCESS</result>') };
    expect(await rejection(client.checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
    reply = { status: 200, body: '<html>Tomcat</html>' };
    expect(await rejection(client.checkSession({ sessionId: 's' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
    await client.close();
  });

  test('the waiter settles on CLOSED within one poll', async () => {
    reply = {
      status: 200,
      body: cxf(
        'checkSessionStateResponse',
        '<result>SUCCESS</result><sessionId>s</sessionId><status>CLOSED</status>',
      ),
    };
    const client = createSoapClient({ baseUrl: `${http.origin}/mc/cxf/soap` });
    requests = 0;
    const error = await rejection(waitForSessionStatus(client, 's', 'ASSIGNED', { timeoutMs: 4000 }));
    expect(error.code).toBe('WAIT_UNREACHABLE');
    expect(requests).toBe(1);
    await client.close();
  });
});
