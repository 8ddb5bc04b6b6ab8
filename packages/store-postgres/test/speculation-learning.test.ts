import assert from 'node:assert/strict';
import pg from 'pg';
import { describe, onTestFinished, test, vi } from 'vitest';
import { applies, node, outcome, prefetches, regulars, restoringSpies } from './support/speculation-nodes.js';
import { spyStatements, textOf } from './support/statements.js';
import { adminPool, uniqueSchema } from './support/test-store.js';

// How a node learns what it cannot predict (speculative-apply.ts): values it never saw are fetched
// with one unlocked read before a second run; a prediction PostgreSQL finds stale comes back in
// the error with the committed value. Sessions behind a load balancer move between nodes: these
// are the paths their operations take.

restoringSpies();

describe('speculative transactions learn what the node did not know (issue 18)', () => {
  test('a session another node started: one read, then the close as one statement', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', data: 'x' }))
      .sessionId as string;
    const sql = spyStatements().sql;
    assert.equal(outcome(await b.engine.closeSession({ sessionId: id })), 'SUCCESS');
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [1, 1, 0]);
    const stored = await a.engine.control.getSession(id);
    assert.equal(stored?.status, 'CLOSED');
    assert.equal(stored?.data, 'x');
    const events = (await a.engine.control.readEvents(0, 10_000)).filter(
      (e) => e.sessionId === id && e.type === 'session.status',
    );
    assert.equal(events.length, 1);
  });

  test('a session nobody started: one read, then the regular run gives the answer', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const sql = spyStatements().sql;
    assert.equal(outcome(await a.engine.closeSession({ sessionId: 'nobody' })), 'NOT_FOUND');
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [1, 0, 1]);
  });

  test('a node that knows nothing yet fetches every value its start reads, then starts in one statement', async () => {
    const schema = uniqueSchema();
    await node(schema, { warm: true });
    const cold = await node(schema);
    const sql = spyStatements().sql;
    assert.equal(
      outcome(await cold.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })),
      'SUCCESS',
    );
    // Both switches (the start reads them together, so one run learns that it misses both).
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [2, 1, 0]);
    const mark = sql().length;
    assert.equal(
      outcome(await cold.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })),
      'SUCCESS',
    );
    const next = sql().slice(mark);
    assert.deepEqual([prefetches(next), applies(next), regulars(next)], [0, 1, 0]);
  });

  test('a value missed twice by one run is read once', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
    const sql = spyStatements().sql;
    const [first, second] = await b.store.transaction((tx) =>
      Promise.all([tx.getSession(id), tx.getSession(id)]),
    );
    assert.equal(first?.id, id);
    assert.deepEqual(second, first);
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql())], [1, 1, 0]);
  });

  test('a prediction stale twice in a row: the second failure sends the work to a regular run, on the latest row', async () => {
    const schema = uniqueSchema();
    const a = await node(schema, { warm: true });
    const b = await node(schema, { warm: true });
    const id = (await a.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).sessionId as string;
    assert.equal(outcome(await b.engine.setSessionData({ sessionId: id, sessionData: 'b1' })), 'SUCCESS');
    // Each time A's statement fails, the row changes again behind its back before its next run.
    const admin = adminPool();
    onTestFinished(() => admin.end());
    const original = pg.Client.prototype.query;
    const { query, sql } = spyStatements();
    let changes = 0;
    query.mockImplementation(async function (this: pg.Client, ...args: unknown[]) {
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      } catch (error) {
        if (textOf(args[0]).includes('.mcc_apply(') && (error as { code?: string }).code === 'MCC01')
          await admin.query(
            `UPDATE ${pg.escapeIdentifier(schema)}.mcc_sessions
             SET record = jsonb_set(record::jsonb, '{sessionData}', to_jsonb($2::text))::json WHERE id = $1`,
            [id, `behind ${++changes}`],
          );
        throw error;
      }
    } as never);
    assert.equal(outcome(await a.engine.closeSession({ sessionId: id })), 'SUCCESS');
    vi.restoreAllMocks();
    assert.deepEqual([prefetches(sql()), applies(sql()), regulars(sql()), changes], [0, 2, 1, 2]);
    const stored = await b.engine.control.getSession(id);
    assert.equal(stored?.status, 'CLOSED');
    assert.equal(stored?.sessionData, 'behind 2');
  });
});
