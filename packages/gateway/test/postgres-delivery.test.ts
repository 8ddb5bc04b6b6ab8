import { createEngine, demoConfigInput, type Engine, VirtualClock } from '@mcc/engine';
import { createPostgresStore } from '@mcc/store-postgres';
import { type PgCluster, startCluster } from '@mcc/store-postgres/testing';
import { createEngineTarget } from '@mcc/testkit';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { createUpstream } from '../src/upstream.js';
import { createPostgresDeliveryStore } from '../src/webhooks/postgres-delivery-store.js';
import { createPostgresWatchStore } from '../src/webhooks/postgres-watch-store.js';
import { createSessionWatcher } from '../src/webhooks/session-watcher.js';
import { createWebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { TestReceiver } from './support/receiver.js';
import { serveBoth } from './support/serve.js';

// A real PostgreSQL (a throwaway cluster, or DATABASE_URL): never skipped.
let cluster: PgCluster | undefined;
let url: string;
beforeAll(async () => {
  if (process.env.DATABASE_URL) url = process.env.DATABASE_URL;
  else {
    cluster = await startCluster();
    url = await cluster.createDatabase('mcc_webhooks');
  }
}, 120_000);
afterAll(async () => {
  await cluster?.destroy();
});

const SECRET = 'pg-secret';
const SESSIONS = 20;

async function open(schema: string): Promise<{ engine: Engine; pool: pg.Pool }> {
  const store = await createPostgresStore({ connectionString: url, schema });
  const engine = await createEngine({
    store,
    clock: new VirtualClock(Date.UTC(2026, 0, 5, 10)),
    config: demoConfigInput as never,
  });
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  pool.on('error', () => {}); // the cluster stopping at the end ends idle connections
  return { engine, pool };
}

test('on PostgreSQL, pending deliveries and the cursor survive a restart of the MCC', async () => {
  const schema = `webhooks_${Date.now()}`;
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  await receiver.down();
  const first = await open(schema);
  const hooks = await createWebhookDispatcher({
    source: first.engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    store: await createPostgresDeliveryStore(first.pool, { close: () => first.pool.end() }),
    minBackoffMs: 20,
    maxBackoffMs: 100,
    pollMs: 50,
  });
  const ids: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const start = await first.engine.startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      sessionId: `pg-${i}`,
    });
    if (start.result !== 'SUCCESS') throw new Error(JSON.stringify(start));
    ids.push(start.sessionId);
  }
  await new Promise((r) => setTimeout(r, 200));
  expect(hooks.stats()[0]).toMatchObject({ delivered: 0, pending: SESSIONS });
  await hooks.close();
  await first.engine.close();

  const second = await open(schema);
  for (const sessionId of ids) await second.engine.closeSession({ sessionId });
  await receiver.up();
  const again = await createWebhookDispatcher({
    source: second.engine.control,
    receivers: [{ url: receiver.url, secret: SECRET }],
    store: await createPostgresDeliveryStore(second.pool, { close: () => second.pool.end() }),
    minBackoffMs: 20,
    pollMs: 50,
  });
  await again.drained(20_000);
  expect(receiver.bySession.size).toBe(SESSIONS);
  for (const id of ids) expect(receiver.bySession.get(id)?.map((e) => e.status)).toEqual(['NEW', 'CLOSED']);
  expect(receiver.badSignatures).toBe(0);
  await again.close();
  await second.engine.close();
  await receiver.down();
}, 60_000);

test('gateway mode on PostgreSQL: the watcher resumes its sessions and its seq after a restart', async () => {
  const schema = `watch_${Date.now()}`;
  const target = await createEngineTarget();
  const mcc = await serveBoth(target.engine);
  const upstream = createUpstream(`rest:${mcc.restUrl}`);
  const receiver = new TestReceiver(SECRET);
  await receiver.up();
  const setup = await new pg.Pool({ connectionString: url, max: 1 });
  await setup.query(`CREATE SCHEMA ${schema}`);
  await setup.end();
  const open = async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    pool.on('error', () => {}); // the cluster stopping at the end ends idle connections
    const watcher = createSessionWatcher({
      upstream: createGateway({ upstream }),
      intervalMs: 30,
      store: await createPostgresWatchStore(pool),
    });
    const hooks = await createWebhookDispatcher({
      source: watcher,
      receivers: [{ url: receiver.url, secret: SECRET }],
      store: await createPostgresDeliveryStore(pool),
      minBackoffMs: 20,
      pollMs: 50,
    });
    return {
      watcher,
      hooks,
      close: async () => {
        await watcher.close();
        await hooks.close();
        await pool.end();
      },
    };
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
  await first.close();
  for (const sessionId of ids) await target.engine.closeSession({ sessionId });
  const second = await open();
  await second.watcher.ready();
  expect(second.watcher.watching).toBe(3);
  for (let i = 0; i < 300 && second.watcher.watching; i++) await new Promise((r) => setTimeout(r, 10));
  await second.watcher.flush();
  await second.hooks.drained(5000);
  expect([...receiver.seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  for (const id of ids) expect(receiver.bySession.get(id)?.map((e) => e.status)).toEqual(['NEW', 'CLOSED']);
  await second.close();
  await receiver.down();
  await upstream.close();
  await mcc.close();
  await target.close();
}, 60_000);
