import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MccClientError } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { Agent, request } from 'undici';
import { describe, expect, test } from 'vitest';
import { checkExposure, isLoopback } from '../src/exposure.js';
import { call, playground } from './support.js';

// Access control and hostile traffic on the playground as shipped: real HTTP(S), real clients,
// raw sockets for slow and greedy connections.

const REST = '/mc/cxf/rest/json';
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const soapCheck = (namespace: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
  `<m:checkSessionState xmlns:m="${namespace}"><sessionId>x</sessionId></m:checkSessionState></soap:Body></soap:Envelope>`;

async function soapNamespace(url: string): Promise<string> {
  const wsdl = await (await fetch(`${url}/mc/cxf/soap?wsdl`)).text();
  return /targetNamespace="([^"]+)"/.exec(wsdl)?.[1] ?? '';
}

/** Runs the CLI with `args` until it prints its URL (then stops it) or exits. */
async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string; url?: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=mcc-source', '--import', 'tsx', 'src/main.ts', ...args],
    {
      cwd: appDir,
      env: { ...process.env, LOG_LEVEL: 'info', MCC_STORE: 'memory:', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((done) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /MCC playground: (https?:\/\/[^/\s]+)\//.exec(output)?.[1];
      if (url) {
        child.kill('SIGTERM');
        child.once('exit', (code) => done({ code, output, url }));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      if (!/MCC playground: /.test(output)) done({ code, output });
    });
  });
}

describe('safe default: without credentials, loopback only', () => {
  test('loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'mcc.example.com', '::ffff:10.0.0.1'])
      expect(isLoopback(host)).toBe(false);
    const users = { users: { a: 'b' } };
    expect(checkExposure({ host: '0.0.0.0', mccCredentials: users, controlCredentials: users })).toEqual([]);
    expect(() => checkExposure({ host: '0.0.0.0', mccCredentials: users })).toThrow(
      /no credentials for the control API and console/,
    );
  });

  test('the CLI refuses 0.0.0.0 without credentials (exit 2), and starts with a warning under --insecure', async () => {
    const refused = await runCli(['--host', '0.0.0.0', '--port', '0']);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('mcc-playground: refusing to listen on 0.0.0.0 with no credentials');
    expect(refused.output).toContain('--insecure');

    const insecure = await runCli(['--host', '0.0.0.0', '--port', '0', '--insecure']);
    expect(insecure.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const warning = insecure.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .find((entry) => entry.level === 40);
    expect(warning?.msg).toContain('--insecure');
    expect(warning?.open).toHaveLength(2);
  }, 60_000);

  test('with both credential sets the CLI binds 0.0.0.0 without a warning', async () => {
    const run = await runCli(['--host', '0.0.0.0', '--port', '0'], {
      MCC_USERS: 'crm:pw',
      MCC_CONTROL_USERS: 'ops:pw',
    });
    expect(run.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(run.output).not.toContain('"level":40');
  }, 60_000);
});

describe('credentials', () => {
  const mccCredentials = { users: { crm: 'crm-pw' }, apiKeys: ['key-1'] };
  const controlCredentials = { users: { ops: 'ops-pw' } };

  test('REST: Basic or bearer; anything else 401 with both challenges', async () => {
    const p = await playground({ mccCredentials, controlCredentials });
    const url = `${p.url}${REST}/checkSession?sessionId=x`;
    for (const authorization of [basic('crm', 'crm-pw'), 'Bearer key-1'])
      expect((await call(url, { headers: { authorization } })).status).toBe(200);
    for (const headers of [
      {} as Record<string, string>,
      { authorization: basic('ops', 'ops-pw') },
      { authorization: 'Bearer key-2' },
    ]) {
      const refused = await call(url, { headers });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(refused.headers.get('www-authenticate')).toBe(
        'Basic realm="MCC", charset="UTF-8", Bearer realm="MCC"',
      );
    }
    const client = createRestClient({
      baseUrl: `${p.url}${REST}`,
      auth: { username: 'crm', password: 'nope' },
    });
    await expect(client.checkSession({ sessionId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await client.close();
  });

  test('SOAP: Basic and WS-Security UsernameToken (text, digest) with the project’s client', async () => {
    const p = await playground({ mccCredentials, controlCredentials });
    for (const credentials of [
      { username: 'crm', password: 'crm-pw' },
      { username: 'crm', password: 'crm-pw', scheme: 'ws-security' as const },
      {
        username: 'crm',
        password: 'crm-pw',
        scheme: 'ws-security' as const,
        passwordType: 'digest' as const,
      },
    ]) {
      const client = createSoapClient({ wsdlUrl: `${p.url}/mc/cxf/soap?wsdl`, auth: credentials });
      expect(await client.checkSession({ sessionId: 'x' })).toMatchObject({ result: 'FAILED' });
    }
    const wrong = createSoapClient({
      baseUrl: `${p.url}/mc/cxf/soap`,
      auth: { username: 'crm', password: 'x', scheme: 'ws-security', passwordType: 'digest' },
    });
    const error = await wrong.checkSession({ sessionId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MccClientError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });

  test('control API, console and /metrics need the control credentials; /healthz stays open', async () => {
    const p = await playground({ mccCredentials, controlCredentials });
    for (const path of ['/api/snapshot', '/', '/index.html', '/metrics']) {
      const refused = await call(`${p.url}${path}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('Basic realm="MCC control"');
      expect(refused.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      // MCC credentials do not open the control API.
      expect(
        (await call(`${p.url}${path}`, { headers: { authorization: basic('crm', 'crm-pw') } })).status,
      ).toBe(401);
      expect(
        (await call(`${p.url}${path}`, { headers: { authorization: basic('ops', 'ops-pw') } })).status,
      ).toBe(200);
    }
    expect((await call(`${p.url}/healthz`)).status).toBe(200);
    // Control credentials do not open the MCC endpoints.
    expect(
      (
        await call(`${p.url}${REST}/checkSession?sessionId=x`, {
          headers: { authorization: basic('ops', 'ops-pw') },
        })
      ).status,
    ).toBe(401);
  });

  test('the console’s Try panel reaches the protected endpoints as its own internal user', async () => {
    const p = await playground({ mccCredentials, controlCredentials });
    for (const transport of ['rest', 'soap']) {
      const tried = await call(`${p.url}/api/try`, {
        method: 'POST',
        headers: { authorization: basic('ops', 'ops-pw'), 'content-type': 'application/json' },
        body: JSON.stringify({ transport, operation: 'checkSession', input: { sessionId: 'x' } }),
      });
      expect(tried.status).toBe(200);
      expect(tried.body.response.status).toBe(200);
      expect(tried.body.result).toMatchObject({ result: 'FAILED' });
      // Issue 15 (4): the captured request shows that credentials were sent, never which.
      expect(tried.body.request.headers.authorization).toBe('Basic [redacted]');
      expect(JSON.stringify(tried.body)).not.toMatch(
        /console-[0-9a-f]{8}|crm-pw|ops-pw|Basic [A-Za-z0-9+/=]{8,}/,
      );
    }
  });
});

describe('HTTPS', () => {
  test('serves REST, SOAP and the console over TLS with the given certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcc-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const p = await playground({ tls: { certFile, keyFile } });
    expect(p.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const dispatcher = new Agent({ connect: { ca: readFileSync(certFile) } });
    try {
      const rest = await request(`${p.url}${REST}/checkSession?sessionId=x`, { dispatcher });
      expect(rest.statusCode).toBe(200);
      expect(await rest.body.json()).toMatchObject({ result: 'FAILED' });
      const client = createSoapClient({ wsdlUrl: `${p.url}/mc/cxf/soap?wsdl`, dispatcher });
      expect(await client.checkSession({ sessionId: 'x' })).toMatchObject({ result: 'FAILED' });
      const wsdl = await (await request(`${p.url}/mc/cxf/soap?wsdl`, { dispatcher })).body.text();
      expect(wsdl).toContain(`location="${p.url}/mc/cxf/soap"`);
      const tried = await request(`${p.url}/api/try`, {
        dispatcher,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ transport: 'soap', operation: 'checkSession', input: { sessionId: 'x' } }),
      });
      expect(await tried.body.json()).toMatchObject({ result: { result: 'FAILED' } });
      // Plain HTTP on the TLS port gets nowhere.
      await expect(fetch(p.url.replace('https:', 'http:'))).rejects.toThrow();
    } finally {
      await dispatcher.close();
    }
  });
});

/** A raw TCP connection with what it received and whether the server closed it. */
function rawSocket(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => {});
    socket.once('connect', () => ok({ socket, received: () => data, closed }));
    socket.once('error', fail);
  });
}

describe('hostile traffic', () => {
  test('slow-loris: a client that sends its headers too slowly is cut off (408) by headersTimeout', async () => {
    const p = await playground({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 1000 } });
    const port = Number(new URL(p.url).port);
    const { socket, received, closed } = await rawSocket(port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    let sent = 0;
    let open = true;
    void closed.then(() => {
      open = false;
    });
    // One header byte every 100 ms, for up to 20 s: the server must hang up long before.
    while (open && sent < 200) {
      socket.write('X');
      sent++;
      await new Promise((r) => setTimeout(r, 100));
    }
    await closed;
    expect(sent).toBeLessThan(200);
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  test('the connection cap: the connection beyond maxConnections is closed unanswered', async () => {
    const p = await playground({ limits: { maxConnections: 2 } });
    const port = Number(new URL(p.url).port);
    const first = await rawSocket(port);
    const second = await rawSocket(port);
    const third = await rawSocket(port);
    third.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await third.closed;
    expect(third.received()).toBe('');
    first.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await first.closed;
    expect(first.received()).toMatch(/^HTTP\/1\.1 200/);
    second.socket.destroy();
    await second.closed;
    // Below the cap again: served.
    expect((await call(`${p.url}/healthz`)).status).toBe(200);
  });

  test('body limits on every route: control API, /api/try, REST and SOAP answer 413 / a fault', async () => {
    const p = await playground();
    const big = JSON.stringify({ action: 'pause', pad: 'x'.repeat(70 * 1024) });
    for (const path of ['/api/clock', '/api/try', '/api/agents/bob/channels/1/login']) {
      const answer = await call(`${p.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        status: 413,
        title: 'Content Too Large',
      });
    }
    const rest = await call(`${p.url}${REST}/setSessionData`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'x', sessionData: 'x'.repeat(70 * 1024) }),
    });
    expect(rest.status).toBe(413);
    const soap = await call(`${p.url}/mc/cxf/soap`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<x>${'x'.repeat(1100 * 1024)}</x>`,
    });
    expect(soap.body).toContain('Client');
    expect(soap.status).toBeGreaterThanOrEqual(400);
  });

  test('rate limit per client: REST 429 and SOAP Server fault, both with Retry-After', async () => {
    const p = await playground({ rateLimit: { perSecond: 1, burst: 2 } });
    const url = `${p.url}${REST}/checkSession?sessionId=x`;
    expect((await call(url)).status).toBe(200);
    expect((await call(url)).status).toBe(200);
    const limited = await call(url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const namespace = await soapNamespace(p.url); // documents are not rate-limited
    const soap = await fetch(`${p.url}/mc/cxf/soap`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: soapCheck(namespace),
    });
    expect(soap.status).toBe(500); // every SOAP fault (WS-I BP R1126), Retry-After kept
    expect(soap.headers.get('retry-after')).toBe('1');
    expect(await soap.text()).toContain('<faultcode>soap:Server</faultcode>');
    // The control API is not counted.
    expect((await call(`${p.url}/api/snapshot`)).status).toBe(200);
  });

  test('behind a trusted proxy the limit is per X-Forwarded-For client, not per proxy', async () => {
    const p = await playground({ rateLimit: { perSecond: 1, burst: 1 }, trustProxy: true });
    const url = `${p.url}${REST}/checkSession?sessionId=x`;
    const from = (client: string) => call(url, { headers: { 'x-forwarded-for': `203.0.113.9, ${client}` } });
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
  });
});
