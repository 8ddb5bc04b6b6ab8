import { createEngineTarget } from '@mcc/testkit';
import { expect, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { createUpstream } from '../src/upstream.js';
import { createSessionWatcher } from '../src/webhooks/session-watcher.js';
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
