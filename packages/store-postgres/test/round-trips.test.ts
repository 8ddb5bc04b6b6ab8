import assert from 'node:assert/strict';
import { createEngine, VirtualClock } from '@mcc/engine';
import pg from 'pg';
import { afterEach, describe, onTestFinished, test, vi } from 'vitest';
import { openStore } from './support/test-store.js';

/** The SQL text of a `Client#query` call (a string, or a query config). */
const textOf = (arg: unknown) =>
  typeof arg === 'string'
    ? arg
    : String((arg as { text?: unknown } | undefined)?.text ?? JSON.stringify(arg));

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Statements per operation (issue 18): every round trip to PostgreSQL is a `Client#query`, so
 * counting its calls counts them — BEGIN and COMMIT included. The figures are pinned so that a
 * change adding round trips (or a lock held across more of them) is noticed.
 */
describe('round trips per operation', () => {
  test('start → close of a session without agents: 6 + 5 round trips, no advisory lock', async () => {
    const store = await openStore();
    const engine = await createEngine({
      store,
      clock: new VirtualClock(),
      config: {
        name: 'rt',
        channels: [{ id: 1003, licences: 100 }],
        services: [{ code: 'SUPPORT', channels: [1003] }],
        agents: [],
      },
    });
    onTestFinished(() => engine.close());
    // Warm: the licence slot exists, the virtual-time mark is written.
    const warm = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    await engine.closeSession({ sessionId: warm.sessionId as string });

    const query = vi.spyOn(pg.Client.prototype, 'query');
    const sql = () => query.mock.calls.map((call) => textOf(call[0]));
    const started = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    assert.equal(started.result, 'SUCCESS');
    const start = sql();
    query.mockClear();
    assert.equal((await engine.closeSession({ sessionId: started.sessionId as string })).result, 'SUCCESS');
    const close = sql();
    // BEGIN with the transaction id, channel and service switches, insert, licence claim, the
    // event with the COMMIT.
    assert.equal(start.length, 6, start.join('\n---\n'));
    // The look (autocommit), BEGIN with the id, the row lock, the update that frees the licence,
    // the event with the COMMIT.
    assert.equal(close.length, 5, close.join('\n---\n'));
    for (const statements of [start, close]) {
      assert.match(statements.at(-1) ?? '', /^INSERT INTO .*mcc_events.*;COMMIT$/s);
      assert.match(statements.find((s) => s.startsWith('BEGIN')) ?? '', /pg_current_xact_id\(\)/);
    }
    for (const statement of [...start, ...close]) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
    // Everything with parameters runs as a named prepared statement (parsed once per connection).
    const parameterised = query.mock.calls.filter((call) => typeof call[0] !== 'string');
    assert.ok(parameterised.length >= 3);
    for (const call of parameterised) assert.match(String((call[0] as { name?: string }).name), /^mcc_\d+$/);
  });

  test('a start a period past the clock mark: the mark is raised in a transaction of its own, without an advisory lock', async () => {
    const store = await openStore();
    const clock = new VirtualClock();
    const engine = await createEngine({
      store,
      clock,
      nodeId: 'rt-node',
      config: {
        name: 'rt',
        channels: [{ id: 1003, licences: 100 }],
        services: [{ code: 'SUPPORT', channels: [1003] }],
        agents: [],
      },
    });
    onTestFinished(() => engine.close());
    await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    await clock.advance(1000);
    const query = vi.spyOn(pg.Client.prototype, 'query');
    assert.equal((await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).result, 'SUCCESS');
    const sql = query.mock.calls.map((call) => textOf(call[0]));
    // The raise (BEGIN, read, write, COMMIT), then the start's own 6 round trips.
    assert.equal(sql.length, 4 + 6, sql.join('\n---\n'));
    assert.deepEqual(
      sql.slice(0, 4).map((s) => s.split(/\s/)[0]),
      ['BEGIN', 'SELECT', 'INSERT', 'COMMIT'],
    );
    assert.deepEqual(
      ((query.mock.calls[2]?.[0] ?? {}) as { values?: unknown[] }).values?.[0],
      'engine:clock:rt-node',
    );
    for (const statement of sql) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
  });
});
