import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MccService } from '@mcc/core';
import {
  type ContactCenterConfigInput,
  createEngine,
  type DomainEvent,
  demoConfigInput,
  type Engine,
  VirtualClock,
} from '@mcc/engine';
import { createSqliteStore } from '@mcc/store-sqlite';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createSqliteDeliveryStore } from '../src/webhooks/sqlite-delivery-store.js';
import { createWebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { toWebhookEvent } from '../src/webhooks/webhook-event.js';
import { TestReceiver } from './support/receiver.js';

const SESSIONS = 100;
const SECRET = 'shared-secret-for-tests';
const fast = { minBackoffMs: 20, maxBackoffMs: 200, pollMs: 50 };

/** The demo contact center with room for every session: 200 LiveHelp licences, alice answers at once. */
const config = structuredClone(demoConfigInput) as unknown as ContactCenterConfigInput;
config.channels = config.channels?.map((c) => (c.id === 1003 ? { ...c, licences: 2 * SESSIONS } : c));
config.agents = [
  {
    username: 'alice',
    profiles: [1003],
    skills: ['SUPPORT'],
    capacity: 2 * SESSIONS,
    autoAnswer: 0,
    loggedInAtStart: [1003],
  },
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-webhooks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openEngine(): Promise<Engine> {
  return createEngine({
    store: createSqliteStore({ directory: dir, synchronous: 'normal' }),
    clock: new VirtualClock(Date.UTC(2026, 0, 5, 10)),
    config,
  });
}

async function startChats(mcc: MccService, n: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const start = await mcc.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: `chat-${i}` });
      if (start.result !== 'SUCCESS') throw new Error(JSON.stringify(start));
      await mcc.sessionAccept({ sessionId: start.sessionId });
      return start.sessionId;
    }),
  );
}

function closeChats(mcc: MccService, ids: readonly string[]) {
  return Promise.all(ids.map((sessionId) => mcc.closeSession({ sessionId })));
}

/** Status changes of the whole stream, per session, in stream order: what the receiver must see. */
async function expectedBySession(engine: Engine) {
  const all: DomainEvent[] = [];
  for (
    let batch = await engine.control.readEvents(0, 1000);
    batch.length;
    batch = await engine.control.readEvents(all.at(-1)!.seq, 1000)
  )
    all.push(...batch);
  const by = new Map<string, unknown[]>();
  for (const e of all) {
    const w = toWebhookEvent(e);
    if (w) by.set(w.sessionId, [...(by.get(w.sessionId) ?? []), w]);
  }
  return by;
}

test('every status change of 100 concurrent sessions arrives signed, in per-session order', async () => {
  const engine = await openEngine();
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  const hooks = await createWebhookDispatcher({
    source: engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    store: createSqliteDeliveryStore(join(dir, 'webhooks.sqlite')),
    ...fast,
  });
  const ids = await startChats(engine, SESSIONS);
  await closeChats(engine, ids);
  await hooks.drained(20_000);
  const expected = await expectedBySession(engine);
  expect(expected.size).toBe(SESSIONS);
  expect(receiver.bySession).toEqual(expected);
  expect([...expected.values()][0]?.map((e) => (e as { status: string }).status)).toEqual([
    'NEW',
    'QUEUED',
    'BOOKED',
    'ASSIGNED',
    'CLOSED',
  ]);
  expect(receiver.badSignatures).toBe(0);
  expect(hooks.stats()[0]).toMatchObject({
    pending: 0,
    delivered: receiver.deliveries,
    consecutiveFailures: 0,
  });
  await hooks.close();
  await engine.close();
  await receiver.down();
});

test('a receiver that is down for a while gets everything once it is back; the MCC goes on meanwhile', async () => {
  const engine = await openEngine();
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  await receiver.down();
  const hooks = await createWebhookDispatcher({
    source: engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    ...fast,
  });
  const ids = await startChats(engine, SESSIONS);
  await new Promise((r) => setTimeout(r, 300));
  const during = hooks.stats()[0]!;
  expect(during.delivered).toBe(0);
  expect(during.failedAttempts).toBeGreaterThan(0);
  expect(during.pending).toBeGreaterThan(0);
  // Backing off as one: a down receiver costs a few attempts, not one per session per retry.
  expect(during.failedAttempts).toBeLessThan(SESSIONS);
  await closeChats(engine, ids);
  await receiver.up();
  await hooks.drained(20_000);
  expect(receiver.bySession).toEqual(await expectedBySession(engine));
  expect(receiver.badSignatures).toBe(0);
  await hooks.close();
  await engine.close();
  await receiver.down();
});

test('delivery resumes after the MCC restarts, from the durable delivery state, nothing lost', async () => {
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  await receiver.down();
  const deliveryFile = join(dir, 'webhooks.sqlite');
  const first = await openEngine();
  const hooks = await createWebhookDispatcher({
    source: first.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    store: createSqliteDeliveryStore(deliveryFile),
    ...fast,
  });
  const ids = await startChats(first, SESSIONS);
  // The receiver is down: at the restart every change so far is queued in the delivery store.
  await new Promise((r) => setTimeout(r, 200));
  expect(hooks.stats()[0]).toMatchObject({ delivered: 0, pending: SESSIONS * 4 });
  await hooks.close();
  await first.close();

  const second = await openEngine();
  await closeChats(second, ids);
  await receiver.up();
  const again = await createWebhookDispatcher({
    source: second.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    store: createSqliteDeliveryStore(deliveryFile),
    ...fast,
  });
  await again.drained(20_000);
  const expected = await expectedBySession(second);
  expect(receiver.bySession).toEqual(expected);
  expect(receiver.seen.size).toBe(SESSIONS * 5);
  expect(receiver.badSignatures).toBe(0);
  await again.close();
  await second.close();
  await receiver.down();
});

test('the queue per receiver is bounded: the stream holds the rest, nothing is lost', async () => {
  const engine = await openEngine();
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  await receiver.down();
  const hooks = await createWebhookDispatcher({
    source: engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    maxPending: 10,
    ...fast,
  });
  const ids = await startChats(engine, 30);
  await new Promise((r) => setTimeout(r, 200));
  expect(hooks.stats()[0]?.pending).toBe(10);
  await closeChats(engine, ids);
  await receiver.up();
  await hooks.drained(20_000);
  expect(receiver.bySession).toEqual(await expectedBySession(engine));
  expect(receiver.seen.size).toBe(30 * 5);
  await hooks.close();
  await engine.close();
  await receiver.down();
});

test('a receiver answering 5xx is retried until it answers 2xx', async () => {
  const engine = await openEngine();
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  receiver.refuseNext = 3;
  const hooks = await createWebhookDispatcher({
    source: engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    ...fast,
  });
  const [id] = await startChats(engine, 1);
  await hooks.drained(10_000);
  expect(hooks.stats()[0]).toMatchObject({
    failedAttempts: 3,
    lastError: 'HTTP 503',
    consecutiveFailures: 0,
  });
  expect(receiver.bySession.get(id as string)?.map((e) => e.status)).toEqual([
    'NEW',
    'QUEUED',
    'BOOKED',
    'ASSIGNED',
  ]);
  await hooks.close();
  await engine.close();
  await receiver.down();
});
