import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCaptureDispatcher } from './capture-dispatcher.js';
import { exchange } from './http-exchange.js';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('x-echo-length', String(Buffer.concat(chunks).length));
      res.end(`seen ${req.method} ${req.url} auth=${req.headers.authorization ?? '-'}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createCaptureDispatcher', () => {
  test('records request and response as on the wire, credentials redacted (the server still gets them)', async () => {
    const capture = createCaptureDispatcher();
    try {
      const body =
        '<wsse:UsernameToken><wsse:Username>u</wsse:Username><wsse:Password Type="x">s3cret</wsse:Password><wsse:Nonce>bm9uY2U=</wsse:Nonce></wsse:UsernameToken>';
      const answer = await exchange(
        capture.dispatcher,
        {
          origin,
          path: '/soap?x=1',
          method: 'POST',
          headers: { authorization: 'Basic dTpzM2NyZXQ=', cookie: 'sid=1', 'content-type': 'text/xml' },
          body,
        },
        { timeoutMs: 5000, maxBytes: 1 << 20 },
      );
      expect(answer.text).toBe('seen POST /soap?x=1 auth=Basic dTpzM2NyZXQ=');
      expect(capture.exchanges).toHaveLength(1);
      const [recorded] = capture.exchanges;
      expect(recorded?.request).toMatchObject({ method: 'POST', url: `${origin}/soap?x=1` });
      expect(recorded?.request.headers.authorization).toBe('Basic [redacted]');
      expect(recorded?.request.headers.cookie).toBe('[redacted]');
      expect(recorded?.request.headers['content-type']).toBe('text/xml');
      expect(recorded?.request.body).not.toContain('s3cret');
      expect(recorded?.request.body).not.toContain('bm9uY2U=');
      expect(recorded?.request.body).toContain('<wsse:Password Type="x">[redacted]</wsse:Password>');
      expect(recorded?.response).toMatchObject({ status: 200, body: answer.text });
      expect(recorded?.response?.headers['x-echo-length']).toBe(String(Buffer.byteLength(body)));
    } finally {
      await capture.close();
    }
  });

  test("carries undici's own request() too, one record per exchange", async () => {
    const capture = createCaptureDispatcher();
    try {
      for (const path of ['/a', '/b']) {
        const answer = await request(`${origin}${path}`, { dispatcher: capture.dispatcher });
        expect(await answer.body.text()).toBe(`seen GET ${path} auth=-`);
      }
      expect(capture.exchanges.map((e) => [e.request.url, e.request.body, e.response?.status])).toEqual([
        [`${origin}/a`, '', 200],
        [`${origin}/b`, '', 200],
      ]);
    } finally {
      await capture.close();
    }
  });

  test('a failed connection leaves a request without response', async () => {
    const capture = createCaptureDispatcher();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    try {
      await expect(
        request(`http://127.0.0.1:${port}/gone`, { dispatcher: capture.dispatcher }),
      ).rejects.toThrow();
      expect(capture.exchanges).toHaveLength(1);
      expect(capture.exchanges[0]?.response).toBeUndefined();
    } finally {
      await capture.close();
    }
  });
});
