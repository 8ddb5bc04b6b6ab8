import type { SessionRecord, StoreTx } from '@mcc/engine';
import { describe, expect, test } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const session = (id: string, status: SessionRecord['status'], updatedAt = T0): SessionRecord => ({
  id,
  channelId: 1003,
  serviceCode: 'SUPPORT',
  status,
  createdAt: T0,
  updatedAt,
});
const fails = () => {
  throw new Error('the work fails');
};

describe('the SQLite store read cache', () => {
  test('a read after a write answers the written record itself, without reading the file', async () => {
    const store = createSqliteStore({ directory: tempDir() });
    const written = session('s1', 'NEW');
    await store.transaction((tx) => tx.insertSession(written));
    expect(await store.read((tx) => tx.getSession('s1'))).toBe(written);
    await store.close();
  });

  test('with cacheSize 0 every read parses the row from the file', async () => {
    const store = createSqliteStore({ directory: tempDir(), cacheSize: 0 });
    const written = session('s1', 'NEW');
    await store.transaction((tx) => tx.insertSession(written));
    const read = await store.read((tx) => tx.getSession('s1'));
    expect(read).toEqual(written);
    expect(read).not.toBe(written);
    await store.close();
  });

  test('a transaction that rolls back leaves no trace in what later reads see', async () => {
    const store = createSqliteStore({ directory: tempDir() });
    await store.transaction((tx) => tx.insertSession(session('s1', 'NEW')));
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.getSession('s1')).toMatchObject({ status: 'NEW' });
        await tx.updateSession(session('s1', 'CLOSED', T0 + 1));
        await tx.insertSession(session('s2', 'NEW'));
        await tx.deleteSession('missing');
        await tx.putState('channel:1003', { enabled: false });
        expect(await tx.getSession('s1')).toMatchObject({ status: 'CLOSED' });
        expect(await tx.getState('channel:1003')).toEqual({ enabled: false });
        fails();
      }),
    ).rejects.toThrow('the work fails');
    expect(await store.read((tx) => tx.getSession('s1'))).toMatchObject({ status: 'NEW', updatedAt: T0 });
    expect(await store.read((tx) => tx.getSession('s2'))).toBeUndefined();
    expect(await store.read((tx) => tx.getState('channel:1003'))).toBeUndefined();
    await store.close();
  });

  test('in a batch, a savepoint rolled back drops its writes and keeps those of the others', async () => {
    const store = createSqliteStore({ directory: tempDir() });
    await store.transaction((tx) => tx.insertSession(session('s1', 'NEW')));
    // Queued together, so they run as one batch, each in its own savepoint.
    const outcomes = await Promise.allSettled([
      store.transaction(async (tx) => {
        await tx.updateSession(session('s1', 'QUEUED', T0 + 1));
        await tx.putState('service:SUPPORT', { outOfService: true });
      }),
      store.transaction(async (tx) => {
        await tx.updateSession(session('s1', 'CLOSED', T0 + 2));
        await tx.putState('service:SUPPORT', { outOfService: false });
        await tx.putState('channel:1003', { enabled: false });
        fails();
      }),
      store.transaction(async (tx) => (await tx.getSession('s1'))?.status),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseFulfilledResult<unknown>).value).toBe('QUEUED');
    expect(await store.read((tx) => tx.getSession('s1'))).toMatchObject({
      status: 'QUEUED',
      updatedAt: T0 + 1,
    });
    expect(await store.read((tx) => tx.getState('service:SUPPORT'))).toEqual({ outOfService: true });
    expect(await store.read((tx) => tx.getState('channel:1003'))).toBeUndefined();
    await store.close();
  });

  test('state values read from the cache are fresh copies (a caller may change what it read)', async () => {
    const store = createSqliteStore({ directory: tempDir() });
    await store.transaction((tx) => tx.putState('agent:ann', { channels: { '1003': { ready: true } } }));
    const first = await store.read((tx) => tx.getState<{ channels: Record<string, unknown> }>('agent:ann'));
    (first as { channels: Record<string, unknown> }).channels['1003'] = 'changed';
    expect(await store.read((tx) => tx.getState('agent:ann'))).toEqual({
      channels: { '1003': { ready: true } },
    });
    await store.close();
  });

  test('a cached store and an uncached one answer the same to the same work, and the file agrees', async () => {
    const work = async (tx: StoreTx, i: number) => {
      const id = `s${i % 7}`;
      const prev = await tx.getSession(id);
      if (!prev) await tx.insertSession(session(id, 'NEW', T0 + i));
      else if (i % 5 === 0) await tx.deleteSession(id);
      else await tx.updateSession({ ...prev, status: i % 2 ? 'QUEUED' : 'BOOKED', updatedAt: T0 + i });
      await tx.putState(`k${i % 3}`, i % 4 === 0 ? undefined : { i });
      if (i % 6 === 0) fails();
      return [await tx.getSession(id), await tx.getState(`k${i % 3}`)];
    };
    const answers = async (cacheSize: number | undefined, directory: string) => {
      const store = createSqliteStore({ directory, ...(cacheSize === undefined ? {} : { cacheSize }) });
      const out: unknown[] = [];
      for (let round = 0; round < 4; round++) {
        // Ten at once (batches with savepoints), then reads of everything.
        const settled = await Promise.allSettled(
          Array.from({ length: 10 }, (_, j) => store.transaction((tx) => work(tx, round * 10 + j))),
        );
        out.push(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed')));
        for (let k = 0; k < 7; k++) out.push(await store.read((tx) => tx.getSession(`s${k}`)));
        for (let k = 0; k < 3; k++) out.push(await store.read((tx) => tx.getState(`k${k}`)));
      }
      await store.close();
      return out;
    };
    const cachedDir = tempDir();
    const cached = await answers(undefined, cachedDir);
    expect(cached).toEqual(await answers(0, tempDir()));
    // Reopened (nothing cached yet), the file holds what the cached store answered last.
    const reopened = createSqliteStore({ directory: cachedDir, cacheSize: 0 });
    for (let k = 0; k < 7; k++)
      expect(await reopened.read((tx) => tx.getSession(`s${k}`))).toEqual(cached[cached.length - 10 + k]);
    await reopened.close();
  });
});
