import assert from 'node:assert/strict';
import { createEngine, VirtualClock } from '@mcc/engine';
import pg from 'pg';
import { afterEach, describe, onTestFinished, test, vi } from 'vitest';
import { textOf } from './support/statements.js';
import { openStore } from './support/test-store.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The kinds of the steps of a speculative transaction's `mcc_apply` call (apply-function.ts). */
const stepsOf = (arg: unknown) =>
  (JSON.parse(String((arg as { values?: unknown[] }).values?.[0])) as unknown[][]).map((step) => step[0]);

const config = {
  name: 'rt',
  channels: [{ id: 1003, licences: 100 }],
  services: [{ code: 'SUPPORT', channels: [1003] }],
  agents: [],
};

/**
 * Statements per operation (issue 18): every round trip to PostgreSQL is a `Client#query`, so
 * counting its calls counts them — BEGIN and COMMIT included. The figures are pinned so that a
 * change adding round trips (or a lock held across more of them) is noticed.
 */
describe('round trips per operation', () => {
  test('speculative: start → close of a session without agents, once the node knows the switches and the session: 1 + 1 statements', async () => {
    const store = await openStore();
    const engine = await createEngine({ store, clock: new VirtualClock(), config });
    onTestFinished(() => engine.close());
    // Warm: the switches' absence and the virtual-time mark are known to the node (its cache).
    const warm = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    await engine.closeSession({ sessionId: warm.sessionId as string });

    const query = vi.spyOn(pg.Client.prototype, 'query');
    const started = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    assert.equal(started.result, 'SUCCESS');
    const start = [...query.mock.calls];
    query.mockClear();
    assert.equal((await engine.closeSession({ sessionId: started.sessionId as string })).result, 'SUCCESS');
    const close = [...query.mock.calls];
    for (const calls of [start, close]) {
      assert.equal(calls.length, 1, calls.map((c) => textOf(c[0])).join('\n---\n'));
      assert.match(textOf(calls[0]?.[0]), /^SELECT "mcc_t_\w+"\.mcc_apply\(\$1::jsonb\)/);
    }
    // Both switches expected absent, the insert, the licence claim, the event; the row expected as
    // the node wrote it (locked), the update that frees the licence, the event.
    assert.deepEqual(stepsOf(start[0]?.[0]), ['s', 's', 'i', 'l', 'e']);
    assert.deepEqual(stepsOf(close[0]?.[0]), ['r', 'c', 'e']);
    const events = await engine.control.readEvents(0, 10);
    assert.deepEqual(
      events.map((e) => e.type),
      ['session.started', 'session.status', 'session.started', 'session.status'],
    );
    assert.ok(events.every((e, i) => i === 0 || e.seq > (events[i - 1]?.seq ?? 0)));
  });

  test('regular (speculation off): start → close of a session without agents: 2 + 2 round trips, no advisory lock', async () => {
    const store = await openStore({ speculationCacheSize: 0 });
    const engine = await createEngine({ store, clock: new VirtualClock(), config });
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

  test.each([
    ['regular', 0, 2],
    ['speculative', 10_000, 1],
  ])(
    '%s: a start a period past the clock mark: the mark is raised in a transaction of its own, without an advisory lock',
    async (mode, size, each) => {
      const store = await openStore({ speculationCacheSize: size });
      const clock = new VirtualClock();
      const engine = await createEngine({ store, clock, nodeId: 'rt-node', config });
      onTestFinished(() => engine.close());
      await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
      await clock.advance(1000);
      const query = vi.spyOn(pg.Client.prototype, 'query');
      assert.equal((await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })).result, 'SUCCESS');
      const sql = query.mock.calls.map((call) => textOf(call[0]));
      // The raise, then the start: regular, each BEGIN with the read(s), then the write(s) with the
      // COMMIT; speculative (the node knows its mark and the switches), each one statement.
      assert.equal(sql.length, 2 * each, sql.join('\n---\n'));
      if (mode === 'regular') {
        assert.match(
          sql[0] ?? '',
          /^BEGIN [^;]*;EXECUTE mccq_\w+;EXECUTE mccq_\w+\('engine:clock:rt-node'\)$/,
        );
        assert.match(sql[1] ?? '', /^EXECUTE mccq_\w+\('engine:clock:rt-node', '\{"at":\d+\}'\);COMMIT$/);
      } else {
        assert.deepEqual(stepsOf(query.mock.calls[0]?.[0]), ['s', 'p']);
        assert.deepEqual(stepsOf(query.mock.calls[1]?.[0]), ['s', 's', 'i', 'l', 'e']);
      }
      for (const statement of sql) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
    },
  );
});
