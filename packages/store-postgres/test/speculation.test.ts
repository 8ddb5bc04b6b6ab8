import assert from 'node:assert/strict';
import { MccError } from '@mcc/core';
import { sessionRecord } from '@mcc/testkit';
import pg from 'pg';
import { describe, onTestFinished, test, vi } from 'vitest';
import { eventually } from './support/eventually.js';
import { tally } from './support/nodes.js';
import {
  applies,
  type Node,
  node,
  outcome,
  prefetches,
  regulars,
  restoringSpies,
  storedRows as rows,
} from './support/speculation-nodes.js';
import { spyStatements } from './support/statements.js';
import { adminPool, openStore, uniqueSchema } from './support/test-store.js';

// Speculative transactions (speculative-tx.ts, apply-function.ts): a node predicts a transaction's
// reads from what it last saw committed and sends the whole transaction as one `mcc_apply`. These
// tests aim at what can go wrong with that: predictions made stale by another node, refusals the
// prediction did not foresee, races between speculative statements, event numbers taken before a
// lower one commits, a statement lost with its connection.

/** A LIKE pattern for this schema's `mcc_apply` statements (other test files share the server). */
const applyOf = (schema: string) => `%${pg.escapeIdentifier(schema)}.mcc_apply(%`;
/**
 * Holds a session's row lock from a connection of its own. `waitingApply(select)` polls
 * `pg_stat_activity` from another connection — inside the holder's transaction the view is a
 * snapshot taken at its first read — until exactly one of the schema's `mcc_apply` statements
 * waits for a lock (`select` runs on its row: `pg_terminate_backend(pid)` ends it).
 */
async function holdRow(schema: string, id: string) {
  const admin = adminPool();
  const holder = await admin.connect();
  let held = true;
  const release = async () => {
    if (!held) return;
    held = false;
    await holder.query('COMMIT');
    holder.release();
  };
  // Also when the test failed while the row was held: the pool ends only once the holder is back.
  onTestFinished(async () => {
    await release();
    await admin.end();
  });
  await holder.query('BEGIN');
  await holder.query(`SELECT 1 FROM ${pg.escapeIdentifier(schema)}.mcc_sessions WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  return {
    waitingApply: (select = '1') =>
      eventually(async () => {
        const { rows } = await admin.query(
          `SELECT ${select} FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
          [applyOf(schema)],
        );
        return rows.length === 1;
      }),
    release,
  };
}

restoringSpies();

describe('speculative transactions (issue 18)', () => {
  test('leave exactly the rows regular transactions leave, for the same operations', async () => {
    const run = async (cache: number) => {
      const schema = uniqueSchema();
      const { engine } = await node(schema, { cache, id: 'same' });
      const sql = spyStatements().sql;
      for (let i = 0; i < 3; i++) {
        const started = await engine.startSession({
          channelId: 1003,
          serviceid: 'SUPPORT',
          sessionId: `s${i}`,
          data: `d${i}`,
        });
        const id = started.sessionId as string;
        assert.equal(
          outcome(await engine.setSessionData({ sessionId: id, sessionData: `e${i}` })),
          'SUCCESS',
        );
        if (i < 2) assert.equal(outcome(await engine.closeSession({ sessionId: id })), 'SUCCESS');
      }
      await engine.control.setChannelEnabled(1, false);
      const sent = sql();
      vi.restoreAllMocks();
      return { rows: await rows(schema), applies: applies(sent) };
    };
    const speculative = await run(10_000);
    const regular = await run(0);
    assert.equal(regular.applies, 0);
    assert.ok(speculative.applies >= 6, `${speculative.applies} transactions went as one statement`);
    assert.deepEqual(speculative.rows, regular.rows);
  });

  test('a prediction made stale by another node is caught, and the second run answers from the committed row it learnt', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    const started = await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', data: 'from a' });
    const id = started.sessionId as string;
    const sql = spyStatements().sql;
    // B never saw the session: one unlocked read, then its change as one statement.
    assert.equal(outcome(await b.engine.setSessionData({ sessionId: id, sessionData: 'from b' })), 'SUCCESS');
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [1, 1, 0]);
    // A still remembers the session as it wrote it: its close expects that record, PostgreSQL
    // finds B's and says so in the error, and A's second run closes the record as B left it —
    // without a read or a regular transaction.
    const before = sql().length;
    assert.equal(outcome(await a.engine.closeSession({ sessionId: id })), 'SUCCESS');
    const closing = sql().slice(before);
    assert.deepEqual([prefetches(closing), applies(closing), regulars(closing)], [0, 2, 0]);
    const stored = await a.engine.control.getSession(id);
    assert.equal(stored?.status, 'CLOSED');
    assert.equal(stored?.sessionData, 'from b');
    assert.equal(stored?.data, 'from a');
    // What A learnt is what it predicts next: a change B then makes is caught the same way, and
    // A's own change after that is one statement again.
    const next = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
    assert.equal(outcome(await b.engine.setSessionData({ sessionId: next, sessionData: 'b' })), 'SUCCESS');
    const mark = sql().length;
    assert.equal(outcome(await a.engine.setSessionData({ sessionId: next, sessionData: 'a1' })), 'SUCCESS');
    assert.equal(outcome(await a.engine.setSessionData({ sessionId: next, sessionData: 'a2' })), 'SUCCESS');
    const after = sql().slice(mark);
    assert.deepEqual([prefetches(after), applies(after), regulars(after)], [0, 3, 0]);
    assert.equal((await b.engine.control.getSession(next))?.sessionData, 'a2');
  });

  test('a switch changed on another node refuses the next start, whatever the node remembered', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    await b.engine.control.setChannelEnabled(1003, false);
    const sql = spyStatements().sql;
    assert.equal(
      outcome(await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })),
      'CHANNEL_NOT_ENABLED',
    );
    // The first run's switch expectation failed and said what it found; the second run predicts
    // the refusal, which the work throws — an outcome of predictions nobody checked — so the
    // regular run answers it (no second statement).
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [0, 1, 1]);
    await b.engine.control.setChannelEnabled(1003, true);
    assert.equal(outcome(await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })), 'SUCCESS');
  });

  test('a taken id and a full channel: the speculative statement rolls back whole, the rerun answers the refusal', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    assert.equal(
      outcome(await a.engine.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'dup' })),
      'SUCCESS',
    );
    const sql = spyStatements().sql;
    assert.equal(
      outcome(await b.engine.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'dup' })),
      'DUPLICATED_SESSION_ID',
    );
    assert.deepEqual([applies(sql()), regulars(sql())], [1, 1]);
    for (let i = 0; i < 4; i++)
      assert.equal(outcome(await b.engine.startSession({ channelId: 1, serviceid: 'SUPPORT' })), 'SUCCESS');
    assert.equal(outcome(await a.engine.startSession({ channelId: 1, serviceid: 'SUPPORT' })), 'NO_LICENSE');
    const stored = await rows(schema);
    const open = stored.sessions.filter((s) => s.channel_id === 1 && s.status !== 'CLOSED');
    assert.equal(open.length, 5);
    assert.deepEqual(
      stored.licences
        .filter((l) => l.channel_id === 1 && l.session_id !== null)
        .map((l) => l.session_id)
        .sort(),
      open.map((s) => s.id).sort(),
    );
    // One started event per session stored: nothing of the refused starts remained.
    const started = stored.events.map((e) => JSON.parse(e)).filter((e) => e.type === 'session.started');
    assert.equal(started.length, stored.sessions.length);
  });

  test('200 concurrent speculative starts across two nodes on a 5-licence channel: exactly 5 SUCCESS, 5 slots held', async () => {
    const schema = uniqueSchema();
    const nodes = [await node(schema, { warm: true }), await node(schema, { warm: true })];
    const sql = spyStatements().sql;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (nodes[i % 2] as Node).engine.startSession({ channelId: 1, serviceid: 'SUPPORT' }),
      ),
    );
    assert.deepEqual(tally(results, outcome), { SUCCESS: 5, NO_LICENSE: 195 });
    assert.ok(applies(sql()) >= 200, 'every start was tried as one statement');
    const stored = await rows(schema);
    const held = stored.licences.filter((l) => l.channel_id === 1 && l.session_id !== null);
    assert.deepEqual(
      held.map((l) => l.session_id).sort(),
      results
        .filter((r) => r.result === 'SUCCESS')
        .map((r) => r.sessionId)
        .sort(),
    );
  });

  test('concurrent speculative closes of one session on two nodes: one close, one event, both SUCCESS', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    for (let round = 0; round < 10; round++) {
      const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
      // B reads the row in a transaction: both nodes now predict the same record.
      await b.store.transaction((tx) => tx.getSession(id));
      const closes = await Promise.all([a, b].map((n) => n.engine.closeSession({ sessionId: id })));
      assert.deepEqual(closes.map(outcome), ['SUCCESS', 'SUCCESS']);
      const events = (await a.engine.control.readEvents(0, 10_000)).filter(
        (e) => e.sessionId === id && e.type === 'session.status',
      );
      assert.equal(events.length, 1, JSON.stringify(events));
    }
  });

  test('a speculative statement that took its number before a later one committed holds the reader back until it ends', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
    const last = (await a.engine.control.readEvents(0, 10_000)).at(-1)?.seq ?? 0;
    const row = await holdRow(schema, id);
    // The close's mcc_apply takes its transaction id, then waits for the row.
    const closing = a.engine.closeSession({ sessionId: id });
    assert.ok(await row.waitingApply(), 'the close waits for the row inside mcc_apply');
    const later = await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    assert.equal(later.result, 'SUCCESS');
    let answered = false;
    const reading = a.store.readEvents(last, 10).then((events) => {
      answered = true;
      return events;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(answered, false, 'the reader waits for the close');
    await row.release();
    assert.equal(outcome(await closing), 'SUCCESS');
    assert.deepEqual(
      (await reading).map((e) => [e.type, e.sessionId]),
      [
        ['session.status', id],
        ['session.started', later.sessionId],
      ],
    );
  });

  test('a connection lost during the statement is DATABASE_ERROR, and the work does not run again', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
    const row = await holdRow(schema, id);
    const sql = spyStatements().sql;
    const closing = a.engine.closeSession({ sessionId: id });
    assert.ok(
      await row.waitingApply('pg_terminate_backend(pid)'),
      'the waiting statement was found and its backend ended',
    );
    assert.equal(outcome(await closing), 'DATABASE_ERROR');
    await row.release();
    assert.deepEqual([applies(sql()), regulars(sql())], [1, 0]);
    assert.equal((await a.engine.control.getSession(id))?.status, 'NEW');
  });

  test('a lock wait past the statement timeout is STORE_TIMEOUT at once: no second wait in a rerun', async () => {
    const store = await openStore({ statementTimeoutMs: 300 });
    onTestFinished(() => store.close());
    await store.transaction((tx) => tx.insertSession(sessionRecord('busy')));
    const row = await holdRow(store.schema, 'busy');
    const sql = spyStatements().sql;
    await assert.rejects(
      store.transaction((tx) => tx.getSession('busy')),
      (e: unknown) => e instanceof MccError && e.code === 'STORE_TIMEOUT',
    );
    assert.deepEqual([applies(sql()), regulars(sql())], [1, 0]);
    await row.release();
  });

  test("reading an event's number inside the work sends it to a regular transaction, which numbers it", async () => {
    const store = await openStore();
    onTestFinished(() => store.close());
    await store.transaction((tx) => tx.insertSession(sessionRecord('known')));
    const sql = spyStatements().sql;
    const seq = await store.transaction(async (tx) => {
      const session = await tx.getSession('known');
      await tx.updateSession({ ...(session as NonNullable<typeof session>), status: 'QUEUED' });
      return (await tx.appendEvent({ type: 'session.status', at: 1, sessionId: 'known' })).seq;
    });
    assert.deepEqual([applies(sql()), regulars(sql())], [0, 1]);
    assert.deepEqual(
      (await store.readEvents(0, 10)).map((e) => e.seq),
      [seq],
    );
  });
});
