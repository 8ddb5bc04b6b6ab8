import { createServer } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { createRestClient } from '../src/client/index.js';
import { createRestHandler } from '../src/server/index.js';
import { http } from './support/http.js';
import { type Listening, listen } from './support/listen.js';
import { scriptedService } from './support/scripted-service.js';

const opened: Listening[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('mounting the handler in a host application', () => {
  test('returns false and calls next() for paths that are not its own, writing nothing', async () => {
    const { service, calls } = scriptedService();
    const handler = createRestHandler(service);
    const verdicts: boolean[] = [];
    const server = await listen(
      createServer((req, res) => {
        const handled = handler(req, res, () => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('host page');
        });
        verdicts.push(handled);
      }),
    );
    opened.push(server);
    const host = await http(`${server.origin}/index.html`);
    expect(host.text).toBe('host page');
    const soap = await http(`${server.origin}/mc/cxf/soap`, { method: 'POST', body: '<x/>' });
    expect(soap.text).toBe('host page');
    const mcc = await http(`${server.baseUrl}/checkSession?sessionId=s1`);
    expect(mcc.json).toMatchObject({ result: 'SUCCESS' });
    const unknown = await http(`${server.baseUrl}/nope`);
    expect(unknown.status).toBe(404);
    expect(verdicts).toEqual([false, false, true, true]);
    expect(calls).toHaveLength(1);
  });

  test('without next, the return value lets the host fall through', async () => {
    const handler = createRestHandler(scriptedService().service);
    const server = await listen(
      createServer((req, res) => {
        if (!handler(req, res)) res.end('fell through');
      }),
    );
    opened.push(server);
    expect((await http(`${server.origin}/health`)).text).toBe('fell through');
    expect((await http(`${server.origin}/mc/cxf/rest/openapi.json`)).json).toMatchObject({
      openapi: '3.1.0',
    });
  });

  test('a body a framework already parsed (req.body) is used as it is', async () => {
    const { service, calls } = scriptedService();
    const handler = createRestHandler(service);
    const server = await listen(
      createServer((req, res) => {
        // What express.json() does: read the stream, then set req.body.
        let text = '';
        req.on('data', (chunk) => {
          text += chunk;
        });
        req.on('end', () => {
          Object.assign(req, { body: JSON.parse(text) });
          handler(req, res);
        });
      }),
    );
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl });
    await expect(client.setSessionData({ sessionId: 's1', sessionData: 'parsed upstream' })).resolves.toEqual(
      {
        result: 'SUCCESS',
        sessionId: 's1',
        sessionData: 'parsed upstream',
      },
    );
    expect(calls).toEqual([
      { operation: 'setSessionData', request: { sessionId: 's1', sessionData: 'parsed upstream' } },
    ]);
    await client.close();
  });

  test('a custom base path moves the operations and the documents with it', async () => {
    const handler = createRestHandler(scriptedService().service, { basePath: '/api/mcc/' });
    const server = await listen(
      createServer((req, res) => {
        if (!handler(req, res)) res.writeHead(418).end();
      }),
      '/api/mcc',
    );
    opened.push(server);
    const client = createRestClient({ baseUrl: server.baseUrl });
    await expect(client.checkSession({ sessionId: 's1' })).resolves.toMatchObject({ result: 'SUCCESS' });
    expect((await http(`${server.origin}/api?_wadl`)).text).toContain(`base="${server.baseUrl}"`);
    expect((await http(`${server.origin}/api/openapi.json`)).json).toMatchObject({
      servers: [{ url: '/api/mcc' }],
    });
    expect((await http(`${server.origin}/mc/cxf/rest/json/checkSession?sessionId=s1`)).status).toBe(418);
    await client.close();
  });

  test('observe is told about every answered operation, invalid input included', async () => {
    const { service } = scriptedService();
    const seen: Array<{ operation: string; result?: string; failReason?: string }> = [];
    const handler = createRestHandler(service, {
      observe: (r) =>
        seen.push({ operation: r.operation, result: r.result?.result, failReason: r.result?.failReason }),
    });
    const server = await listen(createServer((req, res) => void handler(req, res)));
    opened.push(server);
    await http(`${server.baseUrl}/checkSession?sessionId=s1`);
    await http(`${server.baseUrl}/startSession?channelId=abc&serviceid=X`);
    await http(`${server.baseUrl}/nope`);
    expect(seen).toEqual([
      { operation: 'checkSession', result: 'SUCCESS', failReason: undefined },
      { operation: 'startSession', result: 'FAILED', failReason: 'INVALID_CHANNEL_ID' },
    ]);
  });
});
