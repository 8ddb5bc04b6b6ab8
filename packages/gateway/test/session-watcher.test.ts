import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineTarget } from '@mcc/testkit';
import { expect, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { createUpstream } from '../src/upstream.js';
import { createSessionWatcher } from '../src/webhooks/session-watcher.js';
import { createSqliteDeliveryStore } from '../src/webhooks/sqlite-delivery-store.js';
import { createSqliteWatchStore } from '../src/webhooks/watch-store.js';
import { createWebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { TestReceiver } from './support/receiver.js';
import { serveBoth } from './support/serve.js';

const SECRET = 'gateway-secret';

test('gateway mode: sessions started through the gateway are polled and their changes pushed', async () => {
  const target = await createEngineTarget();
  await target.control.setAgentReady('alice', 1003, false);
  await target.control.setAgentReady('bob', 1003, false);
  const mcc = await serveBoth(target.engine);
  const upstream = createUpstream(`soap:${mcc.wsdlUrl}`);
  const watcher = createSessionWatcher({ upstream: createGateway({ upstream }), intervalMs: 30 });
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  const hooks = await createWebhookDispatcher({
    source: watcher,
    receivers: [{ url: receiver.url, secret: SECRET }],
    minBackoffMs: 20,
    pollMs: 50,
  });
  const service = watcher.service;
  const start = await service.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
  if (start.result !== 'SUCCESS') throw new Error(JSON.stringify(start));
  const { sessionId } = start;
  const seen = async (status: string) => {
    for (let i = 0; i < 200 && !receiver.bySession.get(sessionId)?.some((e) => e.status === status); i++)
      await new Promise((r) => setTimeout(r, 10));
  };
  await service.sessionAccept({ sessionId });
  await seen('QUEUED');
  await target.control.setAgentReady('bob', 1003, true);
  await seen('BOOKED');
  await target.control.acceptSession(sessionId);
  await seen('ASSIGNED');
  await target.control.closeSessionAsAgent(sessionId);
  await seen('CLOSED');
  await hooks.drained(5000);
  const events = receiver.bySession.get(sessionId) ?? [];
  expect(events.map((e) => [e.type, e.from, e.status, e.username])).toEqual([
    ['session.started', undefined, 'NEW', undefined],
    ['session.status', 'NEW', 'QUEUED', undefined],
    ['session.status', 'QUEUED', 'BOOKED', 'bob'],
    ['session.status', 'BOOKED', 'ASSIGNED', 'bob'],
    ['session.status', 'ASSIGNED', 'CLOSED', 'bob'],
  ]);
  expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  expect(receiver.badSignatures).toBe(0);
  // A closed session is no longer polled.
  expect(watcher.watching).toBe(0);
  watcher.close();
  await hooks.close();
  await receiver.down();
  await upstream.close();
  await mcc.close();
  await target.close();
});

test('gateway mode across a restart: the same sessions are watched, the seq goes on, nothing is skipped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-watch-'));
  const target = await createEngineTarget();
  const mcc = await serveBoth(target.engine);
  const upstream = createUpstream(`rest:${mcc.restUrl}`);
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  const open = async () => {
    const watcher = createSessionWatcher({
      upstream: createGateway({ upstream }),
      intervalMs: 30,
      store: createSqliteWatchStore(join(dir, 'watch.sqlite')),
    });
    const hooks = await createWebhookDispatcher({
      source: watcher,
      receivers: [{ url: receiver.url, secret: SECRET }],
      store: createSqliteDeliveryStore(join(dir, 'webhooks.sqlite')),
      minBackoffMs: 20,
      pollMs: 50,
    });
    return { watcher, hooks };
  };
  const first = await open();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const start = await first.watcher.service.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    if (start.result !== 'SUCCESS') throw new Error(JSON.stringify(start));
    ids.push(start.sessionId);
  }
  await first.watcher.flush();
  await first.hooks.drained(5000);
  await first.watcher.close();
  await first.hooks.close();

  // While the gateway is down the sessions move on upstream; after the restart the polls see it.
  for (const sessionId of ids) await target.engine.closeSession({ sessionId });
  const second = await open();
  expect(second.watcher.watching).toBe(3);
  for (let i = 0; i < 200 && second.watcher.watching; i++) await new Promise((r) => setTimeout(r, 10));
  await second.watcher.flush();
  await second.hooks.drained(5000);
  for (const id of ids)
    expect(receiver.bySession.get(id)?.map((e) => [e.from, e.status])).toEqual([
      [undefined, 'NEW'],
      ['NEW', 'CLOSED'],
    ]);
  expect([...receiver.seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  second.watcher.close();
  await second.hooks.close();
  await receiver.down();
  await upstream.close();
  await mcc.close();
  await target.close();
  await rm(dir, { recursive: true, force: true });
});
