import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MccService } from '@mcc/core';
import { verifyWebhook, WEBHOOK_HEADERS, type WebhookEvent } from '@mcc/gateway';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { runLiveConformance } from '@mcc/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, playground } from './support.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-playground-gateway-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rest = (url: string) => createRestClient({ baseUrl: `${url}/mc/cxf/rest/json`, retry: { retries: 0 } });
const soap = (url: string) => createSoapClient({ wsdlUrl: `${url}/mc/cxf/soap?wsdl`, retry: { retries: 0 } });

describe('a playground in front of a second playground (--upstream)', () => {
  for (const [front, upstream] of [
    ['REST', 'soap'],
    ['SOAP', 'rest'],
  ] as const) {
    test(`${front} in front of ${upstream.toUpperCase()}: every case that needs no control passes`, async () => {
      const tvox = await playground();
      const address =
        upstream === 'soap' ? `soap:${tvox.url}/mc/cxf/soap?wsdl` : `rest:${tvox.url}/mc/cxf/rest/json`;
      const gateway = await playground({ gateway: { upstream: address } });
      expect(gateway.backend.mode).toBe('gateway');
      const client = front === 'REST' ? rest(gateway.url) : soap(gateway.url);
      const report = await runLiveConformance({
        endpoints: [{ name: front, url: gateway.url, service: client }],
        write: { channelId: 1003, serviceid: 'SUPPORT' },
      });
      await client.close();
      expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
      expect(report.passed).toBeGreaterThan(20);
      // The sessions went to the upstream, not to the gateway's own simulator.
      expect((await tvox.engine.control.listSessions()).length).toBeGreaterThan(0);
      expect(await gateway.engine.control.listSessions()).toEqual([]);
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(
        /mcc_upstream_calls_total\{operation="startSession",outcome="SUCCESS",error=""\} [1-9]/,
      );
    });
  }
});

async function chat(service: MccService): Promise<unknown[]> {
  const answers: unknown[] = [];
  const start = await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'rec-1' });
  answers.push(start);
  answers.push(await service.sessionAccept({ sessionId: 'rec-1', user: 'bob' }));
  answers.push(await service.checkSession({ sessionId: 'rec-1' }));
  answers.push(await service.closeSession({ sessionId: 'rec-1' }));
  answers.push(await service.checkSession({ sessionId: 'rec-1' }));
  return answers;
}

test('--record then --replay: the same answers without the upstream; a missing one is a clear 500', async () => {
  const tvox = await playground();
  const recordDir = join(dir, 'trial');
  const recording = await playground({
    gateway: { upstream: `rest:${tvox.url}/mc/cxf/rest/json`, record: recordDir },
  });
  const recorded = await chat(rest(recording.url));
  await recording.close();
  await tvox.close();
  expect((await readdir(recordDir)).sort()).toEqual(['recording.json', 'session-0001.json']);

  const replaying = await playground({ gateway: { replay: recordDir } });
  expect(await chat(rest(replaying.url))).toEqual(recorded);
  const missing = await call(`${replaying.url}/mc/cxf/rest/json/checkSession?sessionId=other`);
  expect(missing.status).toBe(500);
  expect(missing.body.detail).toBe(
    'replay: the recording has no answer for checkSession { "sessionId": "other" }',
  );
});

test('--upstream and --replay together, or --record alone, are refused with a clear message', async () => {
  await expect(
    playground({ gateway: { upstream: 'rest:http://127.0.0.1:1/x', replay: dir } }),
  ).rejects.toThrow('--upstream and --replay exclude each other');
  await expect(playground({ gateway: { record: dir } })).rejects.toThrow('--record needs --upstream');
});

test('webhooks from the simulator: signed, in order, in /metrics and /api/webhooks', async () => {
  const secret = 'playground-secret';
  const received: WebhookEvent[] = [];
  let bad = 0;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const header = req.headers[WEBHOOK_HEADERS.signature];
      if (!verifyWebhook({ secret, header: typeof header === 'string' ? header : undefined, body })) bad++;
      else received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  try {
    const mcc = await playground({ gateway: { webhooks: [{ url, secret }] } });
    await chat(rest(mcc.url));
    await mcc.backend.webhooks?.drained(10_000);
    expect(received.map((e) => [e.seq > 0, e.sessionId, e.status])).toEqual([
      [true, 'rec-1', 'NEW'],
      [true, 'rec-1', 'BOOKED'],
      [true, 'rec-1', 'CLOSED'],
    ]);
    expect(bad).toBe(0);
    const metrics = await (await fetch(`${mcc.url}/metrics`)).text();
    expect(metrics).toContain(`mcc_webhook_delivered_total{receiver="${url}"} 3`);
    expect(metrics).toContain(`mcc_webhook_pending{receiver="${url}"} 0`);
    const stats = await call(`${mcc.url}/api/webhooks`);
    expect(stats.body.receivers).toMatchObject([{ url, pending: 0, delivered: 3, consecutiveFailures: 0 }]);
  } finally {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }
});
