import { ServiceUnavailableError } from '@mcc/core';
import { afterEach, expect, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { createUpstream, parseUpstream, UpstreamSpecError } from '../src/upstream.js';
import { listen, type Served, serveBoth } from './support/serve.js';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function upstreamAt(handler: Parameters<typeof listen>[0]): Promise<Served & { hits: string[] }> {
  const hits: string[] = [];
  const served = await listen((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  opened.push(served);
  return Object.assign(served, { hits });
}

async function gatewayOver(restUrl: string, timeoutMs: number) {
  const upstream = createUpstream(`rest:${restUrl}`, { timeoutMs });
  opened.push(upstream);
  const gateway = createGateway({ upstream, timeoutMs });
  const served = await serveBoth(gateway);
  opened.push(served);
  return { gateway, served };
}

test('an upstream that never answers: the operation’s own TIMEOUT_EXCEEDED, or a 503 — never a hang', async () => {
  const silent = await upstreamAt(() => {});
  const { gateway, served } = await gatewayOver(silent.restUrl, 300);
  expect(await gateway.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).toMatchObject({
    result: 'FAILED',
    failReason: 'TIMEOUT_EXCEEDED',
  });
  // checkSession has no timeout fail reason: a protocol error the caller may retry.
  await expect(gateway.checkSession({ sessionId: 's-1' })).rejects.toThrow(ServiceUnavailableError);
  const response = await fetch(`${served.restUrl}/checkSession?sessionId=s-1`);
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('1');
});

test('an upstream that is down is a 503 with Retry-After on REST and a soap:Server fault on SOAP', async () => {
  const gone = await upstreamAt(() => {});
  await gone.close();
  const { served } = await gatewayOver(gone.restUrl, 2000);
  const rest = await fetch(`${served.restUrl}/getServiceState?channelId=1003&serviceCodes=SUPPORT`);
  expect(rest.status).toBe(503);
  expect(rest.headers.get('retry-after')).not.toBeNull();
  const body = JSON.stringify(await rest.json());
  expect(body).toContain('The upstream MCC is unavailable (NETWORK_ERROR).');
  expect(body).not.toContain('127.0.0.1');
  const soap = await fetch(`${served.origin}/mc/cxf/soap`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body:
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://mcc.tvox/">' +
      '<soap:Body><m:checkSessionState><sessionId>s-1</sessionId></m:checkSessionState></soap:Body></soap:Envelope>',
  });
  // The HTTP status of a ServiceUnavailableError fault is the SOAP server's decision (its tests).
  expect([500, 503]).toContain(soap.status);
  const fault = await soap.text();
  expect(fault).toContain('<faultcode>soap:Server</faultcode>');
  expect(fault).toContain('<faultstring>The upstream MCC is unavailable (NETWORK_ERROR).</faultstring>');
});

test('retries only where the operations table says it is safe', async () => {
  const failing = await upstreamAt((_, res) => {
    res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
  });
  const { gateway } = await gatewayOver(failing.restUrl, 5000);
  await expect(gateway.checkSession({ sessionId: 's-1' })).rejects.toThrow(ServiceUnavailableError);
  expect(failing.hits.filter((h) => h.includes('/checkSession'))).toHaveLength(3);
  await expect(gateway.sessionAccept({ sessionId: 's-1' })).rejects.toThrow(ServiceUnavailableError);
  expect(failing.hits.filter((h) => h.includes('/sessionAccept'))).toHaveLength(1);
});

test('an answer that is not a result becomes the operation’s internal fail reason', async () => {
  const garbage = await upstreamAt((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"MAYBE"}');
  });
  const { gateway } = await gatewayOver(garbage.restUrl, 2000);
  expect(await gateway.closeSession({ sessionId: 's-1' })).toMatchObject({
    result: 'FAILED',
    failReason: 'GENERIC',
  });
});

test('--upstream values: rest:/soap: and an http(s) URL, never credentials in the URL', () => {
  expect(parseUpstream('soap:https://tvox.example.com/mc/cxf/soap?wsdl')).toEqual({
    transport: 'soap',
    url: 'https://tvox.example.com/mc/cxf/soap?wsdl',
  });
  expect(() => parseUpstream('http://tvox/mc')).toThrow(UpstreamSpecError);
  expect(() => parseUpstream('rest:ftp://tvox/mc')).toThrow('is not an http(s) URL');
  expect(() => parseUpstream('rest:https://user:secret@tvox/mc')).toThrow('MCC_UPSTREAM_USERNAME');
  expect(() => createUpstream('rest:https://tvox/mc', { env: { MCC_UPSTREAM_USERNAME: 'u' } })).toThrow(
    'set both',
  );
});
