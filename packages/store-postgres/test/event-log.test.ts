import assert from 'node:assert/strict';
import { MccError } from '@mcc/core';
import { sessionRecord } from '@mcc/testkit';
import { describe, onTestFinished, test } from 'vitest';
import type { PostgresStore } from '../src/index.js';
import { gate } from './support/gate.js';
import { openStore } from './support/test-store.js';

/** These tests hold regular transactions open between statements: speculation off (speculation.test.ts has its own). */
async function store(): Promise<PostgresStore> {
  const s = await openStore({ speculationCacheSize: 0 });
  onTestFinished(() => s.close());
  return s;
}

const settledWithin = async <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('event log without a counter row (issue 18)', () => {
  test('events sent as literals with the COMMIT come back exactly, quotes, backslashes and all', async () => {
    const s = await store();
    const nasty = `it's \\ a "test" \u0000-free; COMMIT; DROP TABLE x; -- ' '' \\' E'\\x' ☃ \u{1F600}`;
    const appended = await s.transaction(async (tx) => [
      await tx.appendEvent({ type: 'session.started', at: 1, sessionId: nasty }),
      await tx.appendEvent({ type: 'agent.login', at: 2, username: nasty, detail: { text: nasty } }),
    ]);
    assert.equal(appended[1]?.seq, (appended[0]?.seq ?? 0) + 1);
    const read = await s.readEvents(0, 10);
    assert.deepEqual(read, appended);
    assert.equal(read[1]?.username, nasty);
  });

  test('a transaction whose event insert fails rolls back whole, and its connection is reused', async () => {
    const s = await openStore({ maxConnections: 1 });
    onTestFinished(() => s.close());
    const schema = `"${s.schema}"`;
    await s.pool.query(`CREATE FUNCTION ${schema}.refuse_logout() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.event->>'type' = 'agent.logout' THEN RAISE EXCEPTION 'refused by the test'; END IF;
      RETURN NEW; END $$`);
    await s.pool.query(`CREATE TRIGGER refuse BEFORE INSERT ON ${schema}.mcc_events
      FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_logout()`);
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.putState('k', { v: 1 });
        await tx.appendEvent({ type: 'agent.logout', at: 1 });
      }),
      (error: unknown) => error instanceof MccError && error.code === 'STORE_UNAVAILABLE',
    );
    assert.equal(await s.read((tx) => tx.getState('k')), undefined);
    assert.deepEqual(await s.readEvents(0, 10), []);
    await s.transaction(async (tx) => {
      await tx.putState('k', { v: 2 });
      await tx.appendEvent({ type: 'agent.login', at: 2 });
    });
    assert.deepEqual(await s.read((tx) => tx.getState('k')), { v: 2 });
    assert.equal((await s.readEvents(0, 10)).length, 1);
  });

  test('transactions appending events do not wait for each other', async () => {
    const s = await store();
    const release = gate();
    const appended = gate();
    const slow = s.transaction(async (tx) => {
      await tx.appendEvent({ type: 'agent.ready', at: 1 });
      appended.open();
      await release.opened;
    });
    await appended.opened;
    // With a counter row this append would wait for `slow` to commit.
    const fast = s.transaction((tx) => tx.appendEvent({ type: 'agent.ready', at: 2 }));
    assert.equal(
      await settledWithin(fast, 2000),
      true,
      'the second append committed while the first is open',
    );
    release.open();
    await slow;
  });

  test('an event committed after a later-numbered one is never missed: the reader waits for the older transaction', async () => {
    const s = await store();
    const release = gate();
    const wrote = gate();
    // A begins writing first (its transaction id is the lower) but appends its event last.
    const a = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('a'));
      wrote.open();
      await release.opened;
      return tx.appendEvent({ type: 'session.started', at: 1, sessionId: 'a' });
    });
    await wrote.opened;
    const b = await s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('b'));
      return tx.appendEvent({ type: 'session.started', at: 2, sessionId: 'b' });
    });
    // B is committed, but an event of A may still come with a lower number: not answered yet.
    const reading = s.readEvents(0, 10);
    assert.equal(await settledWithin(reading, 300), false, 'readEvents waits for A');
    release.open();
    const first = await a;
    assert.ok(first.seq < b.seq, `A's number (${first.seq}) is below B's (${b.seq})`);
    assert.deepEqual(
      (await reading).map((e) => e.sessionId),
      ['a', 'b'],
    );
  });

  test('a reader that gave up waiting never skips: the held-back event comes with the next read', async () => {
    const s = await openStore({ statementTimeoutMs: 200, speculationCacheSize: 0 });
    onTestFinished(() => s.close());
    const release = gate();
    const wrote = gate();
    const a = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('a'));
      wrote.open();
      await release.opened;
      return tx.appendEvent({ type: 'session.started', at: 1, sessionId: 'a' });
    });
    await wrote.opened;
    await s.transaction((tx) => tx.appendEvent({ type: 'session.started', at: 2, sessionId: 'b' }));
    // After its bounded wait (the statement timeout) the reader answers what is final: nothing.
    assert.deepEqual(await s.readEvents(0, 10), []);
    release.open();
    await a;
    assert.deepEqual(
      (await s.readEvents(0, 10)).map((e) => e.sessionId),
      ['a', 'b'],
    );
  });

  test('a rolled-back transaction leaves no event and holds nothing back once it ended', async () => {
    const s = await store();
    const release = gate();
    const wrote = gate();
    const a = s.transaction(async (tx) => {
      await tx.insertSession(sessionRecord('a'));
      await tx.appendEvent({ type: 'session.started', at: 1, sessionId: 'a' });
      wrote.open();
      await release.opened;
      throw new Error('rolled back');
    });
    await wrote.opened;
    const b = await s.transaction((tx) => tx.appendEvent({ type: 'session.started', at: 2, sessionId: 'b' }));
    const reading = s.readEvents(0, 10);
    release.open();
    await assert.rejects(a, /rolled back/);
    assert.deepEqual(await reading, [b]);
  });
});
