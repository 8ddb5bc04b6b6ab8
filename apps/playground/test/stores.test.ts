import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@mcc/store-postgres';
import { type PgCluster, startCluster } from '@mcc/store-postgres/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { call, playground } from './support.js';

const REST = '/mc/cxf/rest/json';
let cluster: PgCluster | undefined;
afterAll(async () => {
  await cluster?.destroy();
});
const database = async (name: string) => {
  cluster ??= await startCluster();
  return cluster.createDatabase(name);
};

/** Starts a session on one server, stops it, and reads the session back from a new server on the same store. */
async function survivesRestart(store: string) {
  const first = await playground({ store });
  const started = await call(
    `${first.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT&sessionId=durable-1`,
  );
  expect(started.body).toMatchObject({ result: 'SUCCESS', sessionId: 'durable-1' });
  await call(`${first.url}${REST}/sessionAccept?sessionId=durable-1&user=bob`);
  await first.close();
  const second = await playground({ store });
  expect((await call(`${second.url}${REST}/checkSession?sessionId=durable-1`)).body).toMatchObject({
    result: 'SUCCESS',
    status: 'BOOKED',
    username: 'bob',
  });
  expect(
    (await call(`${second.url}/api/snapshot`)).body.channels.find((c: { id: number }) => c.id === 1003).open,
  ).toBe(1);
}

describe('MCC_STORE selects the store', () => {
  test('sqlite:<directory> keeps sessions across a restart', async () => {
    await survivesRestart(`sqlite:${mkdtempSync(join(tmpdir(), 'mcc-pg-sqlite-'))}`);
  });

  test('postgres://… keeps sessions across a restart (a real PostgreSQL server)', async () => {
    await survivesRestart(await database('playground'));
  }, 60_000);

  test('MCC_STORE_POOL caps the connections a postgres:// store opens on this node', async () => {
    /** The database's connections after 30 starts at once (from an observer with one connection of its own). */
    const connectionsAfterBurst = async (name: string, storePool?: number) => {
      const store = await database(name);
      const node = await playground({ store, ...(storePool === undefined ? {} : { storePool }) });
      const started = await Promise.all(
        Array.from({ length: 30 }, () =>
          call(`${node.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT`),
        ),
      );
      expect(started.map((r) => r.body.result)).toEqual(Array(30).fill('SUCCESS'));
      const observer = await createPostgresStore({ connectionString: store, maxConnections: 1 });
      try {
        const { rows } = await observer.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        return rows[0]?.n;
      } finally {
        await observer.close();
        await node.close();
      }
    };
    expect(await connectionsAfterBurst('pool_default')).toBeGreaterThan(2);
    const capped = await connectionsAfterBurst('pool_two', 2);
    expect(capped).toBeGreaterThanOrEqual(1);
    expect(capped).toBeLessThanOrEqual(2);
  }, 60_000);

  test('memory: forgets everything on restart', async () => {
    const first = await playground({ store: 'memory:' });
    await call(`${first.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT&sessionId=gone`);
    await first.close();
    const second = await playground({ store: 'memory:' });
    expect((await call(`${second.url}${REST}/checkSession?sessionId=gone`)).body.failReason).toBe(
      'INVALID_SESSION_ID',
    );
  });
});
