import assert from 'node:assert/strict';
import pg from 'pg';
import { describe, onTestFinished, test } from 'vitest';
import { applyMigrations, createPostgresStore, migrations } from '../src/index.js';
import { adminPool, databaseUrl, openStore, uniqueSchema } from './support/test-store.js';

const code = (expected: string) => (error: { code?: string }) => error.code === expected;

/** A pool on the test database, ended when the test finishes. */
function pool(): pg.Pool {
  const p = adminPool();
  onTestFinished(() => p.end());
  return p;
}

async function appliedVersions(p: pg.Pool, schema: string): Promise<number[]> {
  const { rows } = await p.query<{ version: number }>(
    `SELECT version FROM ${pg.escapeIdentifier(schema)}.mcc_schema_migrations ORDER BY version`,
  );
  return rows.map((r) => r.version);
}

const base = (id: string) => ({
  id,
  channelId: 1,
  serviceCode: 'SUPPORT',
  status: 'NEW' as const,
  createdAt: 1,
  updatedAt: 1,
});

describe('schema migrations', () => {
  test('eight stores opening one fresh schema at once apply each migration exactly once', async () => {
    const schema = uniqueSchema();
    const stores = await Promise.all(Array.from({ length: 8 }, () => openStore({ schema })));
    onTestFinished(() => Promise.all(stores.map((s) => s.close())).then(() => {}));
    assert.deepEqual(
      await appliedVersions(pool(), schema),
      migrations.map((m) => m.version),
    );
    // All eight work on the same tables.
    await Promise.all(stores.map((s, i) => s.transaction((tx) => tx.insertSession(base(`s${i}`)))));
    assert.equal(await stores[3]!.transaction((tx) => tx.countOpenSessions(1)), 8);
  });

  test('concurrent migration runs: exactly one applies, the others find the schema up to date', async () => {
    const schema = uniqueSchema();
    const pools = Array.from({ length: 6 }, () => pool());
    const runs = await Promise.all(pools.map((p) => applyMigrations(p, schema)));
    const all = migrations.map((m) => m.version);
    assert.deepEqual(
      runs.filter((applied) => applied.length > 0),
      [all],
    );
    assert.deepEqual(await applyMigrations(pools[0]!, schema), []);
  });

  test('a schema migrated by a newer package version refuses to open (STORE_OPEN_FAILED)', async () => {
    const schema = uniqueSchema();
    const p = pool();
    await applyMigrations(p, schema);
    await p.query(
      `INSERT INTO ${pg.escapeIdentifier(schema)}.mcc_schema_migrations (version, name) VALUES (9999, 'future')`,
    );
    await assert.rejects(openStore({ schema }), code('STORE_OPEN_FAILED'));
  });

  test('a failing migration leaves nothing behind and fails with STORE_OPEN_FAILED', async () => {
    const schema = uniqueSchema();
    const p = pool();
    const broken = [...migrations, { version: 1000, name: 'broken', sql: 'SELECT * FROM no_such_table' }];
    await assert.rejects(applyMigrations(p, schema, broken), code('STORE_OPEN_FAILED'));
    const tables = await p.query('SELECT 1 FROM pg_tables WHERE schemaname = $1', [schema]);
    assert.equal(tables.rowCount, 0);
    // The good migrations then apply normally.
    assert.deepEqual(
      await applyMigrations(p, schema),
      migrations.map((m) => m.version),
    );
  });

  test('upgrading a schema with open sessions and events: the open sessions hold licence slots, event numbers go on rising', async () => {
    const schema = uniqueSchema();
    const p = pool();
    await applyMigrations(p, schema, migrations.slice(0, 1));
    const s = pg.escapeIdentifier(schema);
    // Version 1 data: three open sessions and one closed on channel 1, two events.
    for (const [id, status] of [
      ['o1', 'NEW'],
      ['o2', 'QUEUED'],
      ['o3', 'ASSIGNED'],
      ['c1', 'CLOSED'],
    ] as const)
      await p.query(
        `INSERT INTO ${s}.mcc_sessions (id, channel_id, service_code, status, created_at, record)
         VALUES ($1, 1, 'SUPPORT', $2, 1, $3)`,
        [id, status, JSON.stringify({ ...base(id), status })],
      );
    await p.query(
      `INSERT INTO ${s}.mcc_events (seq, event) VALUES (1, '{"type":"a","at":1}'), (2, '{"type":"b","at":2}')`,
    );
    await p.query(`UPDATE ${s}.mcc_event_counter SET seq = 2`);
    const store = await openStore({ schema });
    onTestFinished(() => store.close());
    assert.deepEqual(
      await appliedVersions(p, schema),
      migrations.map((m) => m.version),
    );
    // 4 licences, 3 held from before the upgrade: one more start, not two.
    const claim = (id: string) =>
      store
        .transaction(async (tx) => {
          await tx.insertSession(base(id));
          if (!(await tx.claimLicence(1, 4, id))) throw new Error('NO_LICENSE');
        })
        .then(
          () => true,
          () => false,
        );
    assert.deepEqual(await Promise.all([claim('n1'), claim('n2')]).then((r) => r.sort()), [false, true]);
    // Closing a session from before the upgrade frees its slot.
    await store.transaction((tx) => tx.updateSession({ ...base('o1'), status: 'CLOSED' }));
    assert.equal(await claim('n3'), true);
    const next = await store.transaction((tx) => tx.appendEvent({ type: 'agent.login', at: 3 }));
    assert.ok(next.seq > 2);
    assert.deepEqual(
      (await store.readEvents(0, 10)).map((e) => e.seq),
      [1, 2, next.seq],
    );
  });

  test('an unreachable database fails the open with STORE_UNAVAILABLE', async () => {
    const url = new URL(databaseUrl());
    url.port = '1';
    url.hostname = '127.0.0.1';
    await assert.rejects(
      createPostgresStore({ connectionString: url.toString(), connectionTimeoutMs: 2000 }),
      code('STORE_UNAVAILABLE'),
    );
  });
});
