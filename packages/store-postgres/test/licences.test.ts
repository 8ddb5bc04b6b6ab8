import assert from 'node:assert/strict';
import { sessionRecord } from '@mcc/testkit';
import pg from 'pg';
import { describe, onTestFinished, test } from 'vitest';
import type { PostgresStore } from '../src/index.js';
import { licenceStatements } from '../src/licences.js';
import { gate } from './support/gate.js';
import { adminPool, openStore } from './support/test-store.js';

/** The regular transaction's licence claims (the speculative claim: speculation.test.ts): speculation off. */
async function store(): Promise<PostgresStore> {
  const s = await openStore({ statementTimeoutMs: 5000, speculationCacheSize: 0 });
  onTestFinished(() => s.close());
  return s;
}

const settledWithin = async <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('licence slots (issue 18)', () => {
  test('starts on one channel do not wait for each other: a claim commits while another is open', async () => {
    const s = await store();
    const claimed = gate();
    const release = gate();
    const slow = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('slow'));
      assert.equal(await tx.claimLicence(1003, 2, 'slow'), true);
      claimed.open();
      await release.opened;
    });
    await claimed.opened;
    // With a channel lock this start would wait for `slow` to commit.
    const fast = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('fast'));
      return tx.claimLicence(1003, 2, 'fast');
    });
    assert.equal(await settledWithin(fast, 2000), true, 'the second start committed while the first is open');
    assert.equal(await fast, true);
    release.open();
    await slow;
    assert.equal(await s.transaction((tx) => tx.countOpenSessions(1003)), 2);
  });

  test('at the last licence a start waits for a claim in flight instead of answering NO_LICENSE, and gets it when that claim rolls back', async () => {
    const s = await store();
    const claimed = gate();
    const release = gate();
    const doomed = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('doomed'));
      assert.equal(await tx.claimLicence(1003, 1, 'doomed'), true);
      claimed.open();
      await release.opened;
      throw new Error('rolled back');
    });
    await claimed.opened;
    const waiting = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('waiting'));
      return tx.claimLicence(1003, 1, 'waiting');
    });
    assert.equal(await settledWithin(waiting, 300), false, 'the claim waits for the one in flight');
    release.open();
    await assert.rejects(doomed, /rolled back/);
    assert.equal(await waiting, true);
  });

  test('at the last licence a start waiting for a claim that commits answers NO_LICENSE (false)', async () => {
    const s = await store();
    const claimed = gate();
    const release = gate();
    const holder = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('holder'));
      assert.equal(await tx.claimLicence(1003, 1, 'holder'), true);
      claimed.open();
      await release.opened;
    });
    await claimed.opened;
    const refused = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('refused'));
      return tx.claimLicence(1003, 1, 'refused');
    });
    release.open();
    await holder;
    assert.equal(await refused, false);
  });

  test('100 concurrent claims on 7 licences while slots are still being created: exactly 7', async () => {
    const s = await store();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        s
          .transaction(async (tx) => {
            await tx.insertSession(sessionRecord(`c${i}`));
            if (!(await tx.claimLicence(1003, 7, `c${i}`))) throw new Error('NO_LICENSE');
          })
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    assert.equal(results.filter(Boolean).length, 7);
    assert.equal(await s.transaction((tx) => tx.countOpenSessions(1003)), 7);
  });

  test('a slot a rolled-back creator left missing below the highest is created when no other is free, and no more than the licences', async () => {
    const s = await store();
    const admin = adminPool();
    onTestFinished(() => admin.end());
    // Slots 0, 1, 3, 4 held; 2 missing (its creator rolled back).
    await admin.query(
      `INSERT INTO ${pg.escapeIdentifier(s.schema)}.mcc_licences (channel_id, slot, session_id)
       SELECT 1003, g, 'held-' || g FROM unnest(ARRAY[0, 1, 3, 4]) g`,
    );
    const claim = (id: string) =>
      s.transaction(async (tx) => {
        await tx.insertSession(sessionRecord(id));
        return tx.claimLicence(1003, 5, id);
      });
    assert.equal(await claim('fills-gap'), true);
    const { rows } = await admin.query(
      `SELECT slot FROM ${pg.escapeIdentifier(s.schema)}.mcc_licences WHERE session_id = 'fills-gap'`,
    );
    assert.deepEqual(rows, [{ slot: 2 }]);
    assert.equal(await claim('one-too-many'), false);
  });

  test('a claim on a channel whose 5 000 slots are all held reads a few index pages, not every slot', async () => {
    const s = await store();
    const admin = adminPool();
    onTestFinished(() => admin.end());
    const table = `${pg.escapeIdentifier(s.schema)}.mcc_licences`;
    await admin.query(
      `INSERT INTO ${table} (channel_id, slot, session_id) SELECT 1003, g, 'held-' || g FROM generate_series(0, 4999) g`,
    );
    await admin.query(`ANALYZE ${table}`);
    const sql = licenceStatements(table);
    const client = await admin.connect();
    try {
      await client.query('BEGIN');
      const plan = await client.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.claimOrGrow.replaceAll('$1', '1003').replaceAll('$2', '100000').replaceAll('$3', "'new'").replaceAll('$4', "'k'")}`,
      );
      const buffersOf = (explained: pg.QueryResult) => {
        const top = explained.rows[0]['QUERY PLAN'][0];
        return top.Plan['Shared Hit Blocks'] + top.Plan['Shared Read Blocks'];
      };
      const buffers = buffersOf(plan);
      // The grown slot is 5000, past the highest: found by one probe of the index.
      const created = await client.query(`SELECT slot FROM ${table} WHERE session_id = 'new'`);
      assert.deepEqual(created.rows, [{ slot: 5000 }]);
      // Walking every held slot touches thousands of buffers; a bounded claim some dozens.
      assert.ok(buffers < 200, `${buffers} buffers`);
      // The rounds after a lost race (every free slot being claimed, the next one being created
      // by another start) are bounded too: the wait reports the channel not full without
      // counting its slots, and the waiting growth takes the slot past the highest.
      const bind = (statement: string) =>
        statement.replaceAll('$1', '1003').replaceAll('$2', '100000').replaceAll('$3', "'later'");
      const waited = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${bind(sql.claimWaiting)}`);
      assert.ok(buffersOf(waited) < 200, `claimWaiting: ${buffersOf(waited)} buffers`);
      const grown = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${bind(sql.growWaiting)}`);
      assert.ok(buffersOf(grown) < 200, `growWaiting: ${buffersOf(grown)} buffers`);
      const later = await client.query(`SELECT slot FROM ${table} WHERE session_id = 'later'`);
      assert.deepEqual(later.rows, [{ slot: 5001 }]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
