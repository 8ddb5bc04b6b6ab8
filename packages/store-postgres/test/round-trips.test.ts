import assert from 'node:assert/strict';
import { createEngine, VirtualClock } from '@mcc/engine';
import pg from 'pg';
import { afterEach, describe, onTestFinished, test, vi } from 'vitest';
import { openStore } from './support/test-store.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Statements per operation (issue 18): every round trip to PostgreSQL is a `Client#query`, so
 * counting its calls counts them — BEGIN and COMMIT included. The figures are pinned so that a
 * change adding round trips (or a lock held across more of them) is noticed.
 */
describe('round trips per operation', () => {
  test('start → close of a session without agents: 7 + 6 statements, no advisory lock', async () => {
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
    const sql = () =>
      query.mock.calls.map((call) => (typeof call[0] === 'string' ? call[0] : JSON.stringify(call[0])));
    const started = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    assert.equal(started.result, 'SUCCESS');
    const start = sql();
    query.mockClear();
    assert.equal((await engine.closeSession({ sessionId: started.sessionId as string })).result, 'SUCCESS');
    const close = sql();
    // BEGIN, channel and service switches, insert, licence claim, event, COMMIT.
    assert.equal(start.length, 7, start.join('\n---\n'));
    // The look (autocommit), BEGIN, the row lock, the update that frees the licence, event, COMMIT.
    assert.equal(close.length, 6, close.join('\n---\n'));
    for (const statement of [...start, ...close]) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
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
    const sql = query.mock.calls.map((call) => String(call[0]));
    // The raise (BEGIN, read, write, COMMIT), then the start's own 7 statements.
    assert.equal(sql.length, 4 + 7, sql.join('\n---\n'));
    assert.deepEqual(
      sql.slice(0, 4).map((s) => s.split(/\s/)[0]),
      ['BEGIN', 'SELECT', 'INSERT', 'COMMIT'],
    );
    assert.deepEqual(query.mock.calls[2]?.[1]?.[0], 'engine:clock:rt-node');
    for (const statement of sql) assert.doesNotMatch(statement, /pg_advisory_xact_lock\(/);
  });
});
