import assert from 'node:assert/strict';
import type { StoreTx } from '@mcc/engine';
import { sessionRecord } from '@mcc/testkit';
import { describe, onTestFinished, test } from 'vitest';
import type { PostgresStore, PostgresStoreOptions } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { gate } from './support/gate.js';
import { adminPool, openStore } from './support/test-store.js';

const code = (expected: string) => (error: { code?: string }) => error.code === expected;

/** A store in a fresh schema, closed when the test finishes. */
async function store(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const s = await openStore(options);
  onTestFinished(() => s.close());
  return s;
}

describe('PostgreSQL store specifics', () => {
  test('is kind postgres; values round-trip exactly: NUL, lone surrogates, astral planes, extreme numbers', async () => {
    const s = await store();
    assert.equal(s.kind, 'postgres');
    const record = sessionRecord('odd', {
      data: 'nul\u0000 tab\t quote" backslash\\ 😀 日本 \u2028',
      sessionData: '{"nested":"json as a string"}',
      queueKey: -1_767_607_200_001.5,
      timerAt: Number.MAX_SAFE_INTEGER,
      timer: 'purge',
    });
    await s.transaction((tx) => tx.insertSession(record));
    assert.deepEqual(await s.transaction((tx) => tx.getSession('odd')), record);
    assert.equal(await s.transaction((tx) => tx.nextTimerAt()), Number.MAX_SAFE_INTEGER);
    await s.transaction((tx) => tx.putState('k', { v: 'x\u0000\ud800' }));
    assert.deepEqual(await s.transaction((tx) => tx.getState('k')), { v: 'x\u0000\ud800' });
  });

  test('read neither waits for nor takes row locks: a poll answers while a writer holds the row', async () => {
    const s = await store({ statementTimeoutMs: 2000 });
    await s.transaction((tx) => tx.insertSession(sessionRecord('busy', { status: 'QUEUED' })));
    const held = gate();
    const release = gate();
    const writer = s.transaction(async (tx) => {
      await tx.lock('routing');
      const row = await tx.getSession('busy'); // FOR UPDATE: the row stays locked
      held.open();
      await release.opened;
      await tx.updateSession({ ...(row as NonNullable<typeof row>), status: 'BOOKED', username: 'bob' });
    });
    await held.opened;
    // The writer holds the row and the routing lock: a read answers at once, with the committed state.
    const seen = await s.read(async (tx) => ({
      session: await tx.getSession('busy'),
      queued: (await tx.querySessions({ status: ['QUEUED'] })).length,
    }));
    assert.equal(seen.session?.status, 'QUEUED');
    assert.equal(seen.queued, 1);
    // A transaction's getSession, by contrast, waits for the row (here: until the statement timeout).
    await assert.rejects(
      s.transaction((tx) => tx.getSession('busy')),
      code('STORE_TIMEOUT'),
    );
    release.open();
    await writer;
    assert.equal((await s.read((tx) => tx.getSession('busy')))?.status, 'BOOKED');
  });

  test('a lock wait past statementTimeoutMs is STORE_TIMEOUT, and the store goes on working', async () => {
    const s = await store({ statementTimeoutMs: 300 });
    const held = gate();
    const release = gate();
    const holder = s.transaction(async (tx) => {
      await tx.lock('routing');
      held.open();
      await release.opened;
    });
    await held.opened;
    await assert.rejects(
      s.transaction((tx) => tx.lock('routing')),
      code('STORE_TIMEOUT'),
    );
    release.open();
    await holder;
    await s.transaction((tx) => tx.lock('routing'));
  });

  test('tryLock answers false at once for a lock held elsewhere (never waits), true beside shared holders', async () => {
    // A wait would end in STORE_TIMEOUT after 300 ms, failing the test.
    const s = await store({ statementTimeoutMs: 300 });
    const held = gate();
    const release = gate();
    const holder = s.transaction(async (tx) => {
      await tx.lock('routing', true);
      await tx.lock(['agent:x']);
      held.open();
      await release.opened;
    });
    await held.opened;
    assert.equal(await s.transaction((tx) => tx.tryLock(['agent:x'], ['routing'])), false);
    assert.equal(await s.transaction((tx) => tx.tryLock(['agent:y'], ['routing'])), true);
    assert.equal(await s.transaction((tx) => tx.tryLock(['routing'])), false);
    release.open();
    await holder;
    assert.equal(await s.transaction((tx) => tx.tryLock(['agent:x', 'routing'])), true);
  });

  test('locks and events of stores in different schemas are independent', async () => {
    const a = await store({ statementTimeoutMs: 2000 });
    const b = await store({ statementTimeoutMs: 2000 });
    const held = gate();
    const release = gate();
    const holder = a.transaction(async (tx) => {
      await tx.lock('routing');
      held.open();
      await release.opened;
    });
    await held.opened;
    await b.transaction((tx) => tx.lock('routing'));
    release.open();
    await holder;
    const ofA = await a.transaction((tx) => tx.appendEvent({ type: 'agent.login', at: 1 }));
    const ofB = await b.transaction((tx) => tx.appendEvent({ type: 'agent.login', at: 2 }));
    // Each schema's log holds its own events only.
    assert.deepEqual(await a.readEvents(0, 10), [ofA]);
    assert.deepEqual(await b.readEvents(0, 10), [ofB]);
  });

  test('a deadlock aborts one transaction, which runs again and succeeds', async () => {
    // Counts the work's runs: speculation (which would add one per transaction) off.
    const s = await store({ speculationCacheSize: 0 });
    const both = { count: 0, ...gate() };
    let attempts = 0;
    const crosswise = (first: string, second: string) =>
      s.transaction(async (tx) => {
        attempts++;
        await tx.lock(first);
        if (++both.count === 2) both.open();
        await both.opened;
        await tx.lock(second);
        await tx.putState(`${first}-${second}`, true);
      });
    await Promise.all([crosswise('a', 'b'), crosswise('b', 'a')]);
    assert.equal(attempts, 3);
    const done = await s.transaction((tx) => tx.listState('')).then((rows) => rows.map((r) => r.key));
    assert.deepEqual(done, ['a-b', 'b-a']);
  });

  test('a failed statement swallowed by the work still fails the transaction, and nothing commits', async () => {
    const s = await store();
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.insertSession(sessionRecord('kept?'));
        // PostgreSQL text cannot hold U+0000: the statement fails.
        await tx.insertSession(sessionRecord('nul\u0000id')).catch(() => false);
        return 'done';
      }),
      code('STORE_UNAVAILABLE'),
    );
    assert.equal(await s.transaction((tx) => tx.getSession('kept?')), undefined);
  });

  test.each([
    ['speculative', 10_000],
    ['regular', 0],
  ])('a %s transaction handle used after its transaction ended fails with STORE_CLOSED', async (_, size) => {
    const s = await store({ speculationCacheSize: size });
    let leaked: StoreTx | undefined;
    await s.transaction(async (tx) => {
      leaked = tx;
    });
    await assert.rejects(leaked!.getSession('x'), code('STORE_CLOSED'));
    await assert.rejects(leaked!.putState('x', 1), code('STORE_CLOSED'));
  });

  test('connections ended by the server are discarded: idle ones reported, a busy one fails its transaction', async () => {
    const errors: unknown[] = [];
    // A regular transaction between two statements (a speculative one holds no connection then).
    const s = await store({
      applicationName: 'mcc-terminate-test',
      onError: (e) => errors.push(e),
      speculationCacheSize: 0,
    });
    await Promise.all(Array.from({ length: 3 }, () => s.transaction((tx) => tx.lock('x'))));
    const admin = adminPool();
    onTestFinished(() => admin.end());
    const killAll = () =>
      admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'mcc-terminate-test' AND pid <> pg_backend_pid()`,
      );

    // A transaction whose connection dies while its work waits between statements.
    const inside = gate();
    const resume = gate();
    const doomed = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('doomed'));
      inside.open();
      await resume.opened;
      await tx.getSession('doomed');
    });
    await inside.opened;
    const idle = s.pool.idleCount;
    assert.ok(idle > 0);
    await killAll();
    // The server side is gone, and the idle connections noticed (bounded waits, not timings).
    const gone = await eventually(async () => {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE application_name = 'mcc-terminate-test'",
      );
      return rows[0]?.n === 0;
    });
    assert.ok(gone, 'the backends ended');
    assert.ok(await eventually(async () => errors.length >= idle), 'idle connection errors reach onError');
    resume.open();
    await assert.rejects(doomed, code('STORE_UNAVAILABLE'));
    // The pool opens new connections: the store works, and the failed transaction left nothing.
    assert.equal(await s.transaction((tx) => tx.getSession('doomed')), undefined);
  });

  test('old events are pruned past eventRetention; numbering goes on', async () => {
    // Pruned every tenth of the retention: between 30 and 33 are kept.
    const s = await store({ eventRetention: 30 });
    const appended: number[] = [];
    for (let i = 0; i < 50; i++)
      appended.push((await s.transaction((tx) => tx.appendEvent({ type: 'agent.ready', at: i }))).seq);
    const kept = (await s.readEvents(0, 100)).map((e) => e.seq);
    assert.ok(kept.length >= 30 && kept.length <= 33, `kept ${kept.length}: ${kept.join(',')}`);
    // The newest ones are kept, in order; numbers go on increasing.
    assert.deepEqual(kept, appended.slice(-kept.length));
    const next = await s.transaction((tx) => tx.appendEvent({ type: 'agent.ready', at: 12 }));
    assert.ok(next.seq > (appended.at(-1) as number));
  });

  test('after close: transactions and readEvents fail with STORE_CLOSED; close twice is fine', async () => {
    const s = await openStore();
    await s.close();
    await s.close();
    await assert.rejects(s.readEvents(0, 1), code('STORE_CLOSED'));
    await assert.rejects(
      s.transaction((tx) => tx.nextTimerAt()),
      code('STORE_CLOSED'),
    );
  });

  test('invalid options are INVALID_CONFIG', async () => {
    await assert.rejects(openStore({ schema: '' }), code('INVALID_CONFIG'));
    await assert.rejects(openStore({ maxConnections: 0 }), code('INVALID_CONFIG'));
    await assert.rejects(openStore({ statementTimeoutMs: -1 }), code('INVALID_CONFIG'));
  });
});
