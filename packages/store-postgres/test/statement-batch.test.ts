import assert from 'node:assert/strict';
import type { StoreTx } from '@mcc/engine';
import { sessionRecord } from '@mcc/testkit';
import pg from 'pg';
import { afterEach, describe, onTestFinished, test, vi } from 'vitest';
import type { PostgresStore, PostgresStoreOptions } from '../src/index.js';
import { spyStatements } from './support/statements.js';
import { adminPool, openStore } from './support/test-store.js';

const code = (expected: string) => (error: { code?: string }) => error.code === expected;
/** A STORE_UNAVAILABLE whose cause is the server's error with this SQLSTATE. */
const refused = (sqlstate: string) => (error: { code?: string; cause?: { code?: string } }) =>
  error.code === 'STORE_UNAVAILABLE' && error.cause?.code === sqlstate;

afterEach(() => {
  vi.restoreAllMocks();
});

/** The regular transaction's statement batches: speculation off (speculation.test.ts). */
async function store(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const s = await openStore({ statementTimeoutMs: 5000, speculationCacheSize: 0, ...options });
  onTestFinished(() => s.close());
  return s;
}

/** The whole state of a store's schema, read behind its back. */
async function contents(s: PostgresStore) {
  const admin = adminPool();
  try {
    const q = async (table: string) =>
      (await admin.query(`SELECT * FROM ${pg.escapeIdentifier(s.schema)}.${table} ORDER BY 1`)).rows;
    const [sessions, state, events, licences] = [
      await q('mcc_sessions'),
      await q('mcc_state'),
      await q('mcc_events'),
      await q('mcc_licences'),
    ];
    return { sessions, state, events, licences };
  } finally {
    await admin.end();
  }
}

describe('statement batch: failures', () => {
  test('a deferred write with a NUL parameter fails the transaction even when the work catches, and nothing commits', async () => {
    const s = await store();
    const before = await contents(s);
    let later: unknown;
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.insertSession(sessionRecord('sent-first')); // BEGIN + insert have run
        await tx.putState('bad\u0000key', 1).catch(() => {});
        // Every later call meets the same refusal, the writes nobody awaits included.
        const write = await tx.putState('after', 2).catch((error) => error);
        assert.equal((write as { code?: string }).code, 'STORE_UNAVAILABLE');
        later = await tx.getState('after').catch((error) => error);
        await tx.appendEvent({ type: 'agent.login', at: 1 }).catch(() => {});
        return 'done';
      }),
      code('STORE_UNAVAILABLE'),
    );
    // Later statements of the transaction fail with the same refusal instead of running.
    assert.ok(later instanceof Error && (later as { code?: string }).code === 'STORE_UNAVAILABLE');
    assert.deepEqual(await contents(s), before);
    // The same with the NUL write first: nothing had been sent, nothing is sent.
    const { query } = spyStatements();
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.putState('k', 'ok');
        await tx.updateSession(sessionRecord('nul\u0000', { status: 'QUEUED' }));
        await tx.putState('k2', 1);
      }),
      code('STORE_UNAVAILABLE'),
    );
    assert.equal(query.mock.calls.length, 0);
    assert.deepEqual(await contents(s), before);
  });

  test('a deferred write the server refuses fails the transaction at the COMMIT, and nothing commits', async () => {
    const s = await store();
    const row = sessionRecord('row');
    await s.transaction((tx) => tx.insertSession(row));
    const before = await contents(s);
    // created_at is NOT NULL: the UPDATE of the existing row fails on the server.
    const broken = { ...row, status: 'QUEUED', createdAt: null } as unknown as typeof row;
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.appendEvent({ type: 'agent.login', at: 1 }); // BEGIN has run: the failure is at COMMIT
        await tx.updateSession(broken);
        await tx.putState('after', 1);
        await tx.deleteSession('row');
      }),
      refused('23502'),
    );
    assert.deepEqual(await contents(s), before);
    // At the next batch: the read after it fails with the same error, and the transaction too.
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.putState('first', 1);
        await tx.updateSession({ ...broken, channelId: 2 ** 31 }); // integer out of range
        await assert.rejects(tx.getState('first'), refused('22003'));
        await tx.getSession('row').catch(() => undefined);
        return 'caught';
      }),
      refused('22003'),
    );
    assert.deepEqual(await contents(s), before);
    // The store goes on working.
    await s.transaction((tx) => tx.updateSession({ ...row, status: 'QUEUED' }));
    assert.equal((await s.transaction((tx) => tx.getSession('row')))?.status, 'QUEUED');
  });
});

describe('statement batch: round trips', () => {
  test('statements issued in the same tick go in one round trip, in order; deferred writes wait for the next', async () => {
    const s = await store({ maxConnections: 1 });
    const warm = async (tx: StoreTx) => {
      await tx.putState('k', 0);
      await tx.deleteSession('a');
      await Promise.all([tx.getSession('a'), tx.getState('k'), tx.countOpenSessions(1003)]);
    };
    await s.transaction(warm);
    const { query, sql } = spyStatements();
    const seen = await s.transaction(async (tx) => {
      await tx.putState('k', 1);
      // A deferred write alone sends nothing.
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(query.mock.calls.length, 0);
      const [session, value, open] = await Promise.all([
        tx.getSession('a'),
        tx.getState('k'),
        tx.countOpenSessions(1003),
      ]);
      assert.equal(query.mock.calls.length, 1);
      return { session, value, open };
    });
    assert.deepEqual(seen, { session: undefined, value: 1, open: 0 });
    assert.equal(query.mock.calls.length, 2, sql().join('\n---\n'));
    assert.match(
      sql()[0] ?? '',
      /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('k', '1'\);EXECUTE mccq_\w+\('a'\);EXECUTE mccq_\w+\('k'\);EXECUTE mccq_\w+\('1003'\)$/,
    );
    assert.equal(sql()[1], 'COMMIT');

    // A transaction of deferred writes only: BEGIN, the writes and the COMMIT in one round trip.
    query.mockClear();
    await s.transaction(async (tx) => {
      await tx.putState('k', 2);
      await tx.deleteSession('a');
    });
    assert.equal(query.mock.calls.length, 1);
    assert.match(
      sql()[0] ?? '',
      /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('k', '2'\);EXECUTE mccq_\w+\('a'\);COMMIT$/,
    );
  });

  test('statements issued while a batch is in flight go in the next one, in order, and see the earlier writes', async () => {
    const s = await store({ maxConnections: 1 });
    await s.transaction(async (tx) => {
      await tx.putState('k', 0);
      await tx.getState('k');
    });
    const { query, sql } = spyStatements();
    const values = await s.transaction(async (tx) => {
      let answered = false;
      const first = tx.getState('k').then((v) => {
        answered = true;
        return v;
      });
      for (let i = 0; i < 10 && query.mock.calls.length === 0; i++) await Promise.resolve();
      assert.equal(query.mock.calls.length, 1, 'the first batch is sent');
      assert.equal(answered, false, 'and not answered yet');
      await tx.putState('k', 7);
      const second = tx.getState('k');
      const third = tx.getState('k');
      await tx.putState('k', 8);
      const fourth = tx.getState('k');
      const all = await Promise.all([first, second, third, fourth]);
      assert.equal(query.mock.calls.length, 2);
      return all;
    });
    assert.deepEqual(values, [0, 7, 7, 8]);
    assert.equal(query.mock.calls.length, 3);
    assert.match(
      sql()[1] ?? '',
      /^EXECUTE mccq_\w+\('k', '7'\);EXECUTE mccq_\w+\('k'\);EXECUTE mccq_\w+\('k'\);EXECUTE mccq_\w+\('k', '8'\);EXECUTE mccq_\w+\('k'\)$/,
    );
    assert.equal((await s.transaction((tx) => tx.getState('k'))) as number, 8);
  });

  test('a transaction that sends nothing makes no round trip; a refusal before any statement sends no ROLLBACK', async () => {
    const s = await store();
    await s.transaction((tx) => tx.getState('warm'));
    const { query } = spyStatements();
    assert.equal(await s.transaction(async () => 42), 42);
    await assert.rejects(
      s.transaction(async () => {
        throw new Error('refused');
      }),
      /refused/,
    );
    // Deferred writes that were never sent: dropped with the refusal, still no round trip.
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.putState('never', 1);
        await tx.updateSession(sessionRecord('never'));
        throw new Error('refused late');
      }),
      /refused late/,
    );
    assert.equal(query.mock.calls.length, 0);
    assert.equal(await s.transaction((tx) => tx.getState('never')), undefined);
  });
});

describe('statement batch: ended transactions', () => {
  /** A store holding session x, and the handle of a transaction that read x, queued a write and ended. */
  async function leak(ending: 'commit' | 'rollback') {
    const s = await store();
    await s.transaction((tx) => tx.insertSession(sessionRecord('x')));
    let leaked!: StoreTx;
    const run = s.transaction(async (tx) => {
      leaked = tx;
      await tx.getSession('x');
      await tx.putState('during', 1);
      if (ending === 'rollback') throw new Error('rolled back');
    });
    if (ending === 'commit') await run;
    else await assert.rejects(run, /rolled back/);
    return { s, leaked, before: await contents(s) };
  }
  /** The writes nobody awaits, and appendEvent (its transaction id is known: no round trip needed). */
  const unawaited = (leaked: StoreTx): Array<[string, () => Promise<unknown>]> => [
    ['putState', () => leaked.putState('late', 1)],
    ['updateSession', () => leaked.updateSession(sessionRecord('x', { status: 'QUEUED' }))],
    ['deleteSession', () => leaked.deleteSession('x')],
    ['appendEvent', () => leaked.appendEvent({ type: 'agent.login', at: 1 })],
  ];

  for (const ending of ['commit', 'rollback'] as const) {
    test(`after a ${ending}, a leaked handle's calls reject with STORE_CLOSED and send nothing`, async () => {
      const { s, leaked, before } = await leak(ending);
      const { query } = spyStatements();
      const awaited = [
        leaked.getSession('x'),
        leaked.getState('during'),
        leaked.insertSession(sessionRecord('y')),
        leaked.claimLicence(1003, 5, 'x'),
        leaked.lock('routing'),
        leaked.dueSessions(0, 10),
        leaked.querySessions({ status: ['NEW'] }),
      ];
      for (const call of awaited) await assert.rejects(call, code('STORE_CLOSED'));
      // Whatever they answer, the others send nothing either.
      for (const [, call] of unawaited(leaked)) await call().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(query.mock.calls.length, 0);
      assert.deepEqual(await contents(s), before);
    });

    // Writes nobody awaits and appendEvent too: each call rejects (none is dropped in silence).
    test(`after a ${ending}, a leaked handle's unawaited writes and appendEvent reject with STORE_CLOSED`, async () => {
      const { leaked } = await leak(ending);
      const resolved: string[] = [];
      for (const [name, call] of unawaited(leaked))
        await call().then(
          () => resolved.push(name),
          (error) => assert.equal(error.code, 'STORE_CLOSED'),
        );
      assert.deepEqual(
        resolved,
        [],
        `resolved after the end instead of STORE_CLOSED: ${resolved.join(', ')}`,
      );
    });
  }
});

describe('statement batch: prepared statements', () => {
  test('names survive across transactions (also a rollback) on a warm connection', async () => {
    const s = await store({ maxConnections: 1 });
    const { sql } = spyStatements();
    await s.transaction((tx) => tx.getState('a'));
    assert.match(sql()[0] ?? '', /;PREPARE mccq_\w+ AS SELECT value FROM .*;EXECUTE mccq_\w+\('a'\)$/);
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.getState('b');
        await tx.putState('b', 1);
        await tx.getSession('b'); // sends the PREPAREs of the upsert and of this select
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const start = sql().length;
    await s.transaction(async (tx) => {
      await tx.getState('c');
      await tx.putState('c', 1);
      await tx.getSession('c');
    });
    const later = sql().slice(start);
    assert.equal(later.length, 3, later.join('\n---\n'));
    for (const statement of later) assert.doesNotMatch(statement, /PREPARE/);
    assert.equal(await s.transaction((tx) => tx.getState('c')), 1);
  });

  test('after a failed batch that prepared statements, the next transactions still work (maxConnections 1)', async () => {
    const s = await store({ maxConnections: 1 });
    const row = sessionRecord('row');
    await s.transaction((tx) => tx.insertSession(row));
    const broken = { ...row, createdAt: null } as unknown as typeof row;
    // The UPDATE is new on this connection: its PREPARE runs, then its EXECUTE fails.
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.updateSession(broken);
        await tx.putState('x', 1);
        await tx.getState('x');
      }),
      refused('23502'),
    );
    // The connection whose prepared names are unknown was discarded: the next one prepares again.
    const { sql } = spyStatements();
    for (let i = 0; i < 20; i++) {
      await s.transaction(async (tx) => {
        await tx.updateSession({ ...row, status: 'QUEUED', updatedAt: 1000 + i });
        await tx.putState('x', i);
        assert.equal(await tx.getState('x'), i);
      });
    }
    assert.match(sql()[0] ?? '', /;PREPARE mccq_\w+ AS UPDATE /);
    assert.equal(sql().filter((statement) => statement.includes('PREPARE')).length, 1, sql().join('\n---\n'));
    assert.equal((await s.transaction((tx) => tx.getSession('row')))?.updatedAt, 1019);
  });
});

describe('statement batch: licence claim with a duplicate id', () => {
  test('insert and claim in one batch for an id already open with a slot: insert false, claim answers that slot', async () => {
    const s = await store();
    const rec = sessionRecord('dup');
    await s.transaction(async (tx) => {
      assert.equal(await tx.insertSession(rec), true);
      assert.equal(await tx.claimLicence(1003, 5, rec.id), true);
    });
    await s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('other'));
      assert.equal(await tx.claimLicence(1003, 5, 'other'), true);
    });
    const { query, sql } = spyStatements();
    const [inserted, claimed] = await s.transaction((tx) =>
      Promise.all([tx.insertSession(rec), tx.claimLicence(1003, 5, rec.id)]),
    );
    assert.equal(query.mock.calls.length, 2, sql().join('\n---\n'));
    assert.match(
      sql()[0] ?? '',
      /;EXECUTE mccq_\w+\('dup', '1003', [^;]*\);EXECUTE mccq_\w+\('1003', '5', 'dup', /,
    );
    assert.equal(inserted, false);
    assert.equal(claimed, true);
    const admin = adminPool();
    onTestFinished(() => admin.end());
    const { rows } = await admin.query<{ slot: number; session_id: string | null }>(
      `SELECT slot, session_id FROM ${pg.escapeIdentifier(s.schema)}.mcc_licences WHERE channel_id = 1003 ORDER BY slot`,
    );
    assert.deepEqual(
      rows.filter((r) => r.session_id !== null),
      [
        { slot: 0, session_id: 'dup' },
        { slot: 1, session_id: 'other' },
      ],
    );
    assert.equal(await s.transaction((tx) => tx.countOpenSessions(1003)), 2);
  });
});
