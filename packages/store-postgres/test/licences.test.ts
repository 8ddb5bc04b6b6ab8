import assert from 'node:assert/strict';
import { sessionRecord } from '@mcc/testkit';
import { describe, onTestFinished, test } from 'vitest';
import type { PostgresStore } from '../src/index.js';
import { openStore } from './support/test-store.js';

async function store(): Promise<PostgresStore> {
  const s = await openStore({ statementTimeoutMs: 5000 });
  onTestFinished(() => s.close());
  return s;
}

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
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
});
