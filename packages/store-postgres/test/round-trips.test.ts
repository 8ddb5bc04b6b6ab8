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
  test('start → close of a session without agents: 2 + 2 round trips, no advisory lock', async () => {
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
    // BEGIN with the transaction id, both switches, the insert and the licence claim; the event
    // with the COMMIT.
    assert.equal(start.length, 2, start.join('\n---\n'));
    assert.match(
      start[0] ?? '',
      /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('channel:1003'\);EXECUTE mccq_\w+\('service:SUPPORT'\);EXECUTE mccq_\w+\('[^']+', '1003', [^;]*\);EXECUTE mccq_\w+\('1003', '100', '[^']+', '[^']+'\)$/,
    );
    // BEGIN with the id and the row lock; the update that frees the licence, with the event and
    // the COMMIT.
    assert.equal(close.length, 2, close.join('\n---\n'));
    assert.match(close[0] ?? '', /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('[^']+'\)$/);
    assert.match(close[1] ?? '', /^EXECUTE mccq_\w+\('[^']+', '1003', 'SUPPORT', 'CLOSED', /);
    for (const statements of [start, close])
      assert.match(
        statements.at(-1) ?? '',
        /(^|;)EXECUTE mccq_\w+\('\d+', '\{"type":"session\.(started|status)",[^']*'\);COMMIT$/,
      );
    for (const statement of [...start, ...close]) {
      assert.doesNotMatch(statement, /pg_advisory_xact_lock/);
      // Warm connections: every statement runs prepared (`EXECUTE`, planned once per connection).
      assert.doesNotMatch(statement, /PREPARE/);
    }
    assert.ok(query.mock.calls.every((call) => typeof call[0] === 'string'));
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
    // The raise (BEGIN with the read, then the write with the COMMIT), then the start's own 2.
    assert.equal(sql.length, 2 + 2, sql.join('\n---\n'));
    assert.match(sql[0] ?? '', /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('engine:clock:rt-node'\)$/);
    assert.match(sql[1] ?? '', /^EXECUTE mccq_\w+\('engine:clock:rt-node', '\{"at":\d+\}'\);COMMIT$/);
    for (const statement of sql) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
  });
});
