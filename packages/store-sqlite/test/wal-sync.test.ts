import fs from 'node:fs';
import { sessionRecord } from '@mcc/testkit';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

/** Holds every WAL sync (`fdatasync`) of the store until the test lets it return. */
function holdFsyncs() {
  const held: Array<{ fd: number; done: (error: NodeJS.ErrnoException | null) => void }> = [];
  const real = fs.fdatasync;
  vi.spyOn(fs, 'fdatasync').mockImplementation(((
    fd: number,
    done: (error: NodeJS.ErrnoException | null) => void,
  ) => {
    held.push({ fd, done: (error) => (error ? done(error) : real(fd, done)) });
  }) as typeof fs.fdatasync);
  return held;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('SQLite store: commits are fsynced off the event loop', () => {
  test('a write is answered only after the WAL fsync covering it returns; reads of it wait too', async () => {
    const held = holdFsyncs();
    const store = createSqliteStore({ directory: tempDir() });
    let written = false;
    const write = store
      .transaction((tx) => tx.insertSession(sessionRecord('a')))
      .then(() => {
        written = true;
      });
    await tick();
    expect(held).toHaveLength(1);
    expect(written).toBe(false);
    // The next transaction runs meanwhile (the event loop is free) and sees the commit…
    let read: unknown;
    const reading = store
      .read((tx) => tx.getSession('a'))
      .then((s) => {
        read = s?.id;
      });
    await tick();
    // …but is not answered before that commit is durable.
    expect(read).toBeUndefined();
    held.shift()?.done(null);
    await write;
    await reading;
    expect(written).toBe(true);
    expect(read).toBe('a');
    await store.close();
  });

  test('a read that saw no unsynced commit is answered without waiting for the disk', async () => {
    const store = createSqliteStore({ directory: tempDir() });
    await store.transaction((tx) => tx.insertSession(sessionRecord('a')));
    const held = holdFsyncs();
    expect((await store.read((tx) => tx.getSession('a')))?.id).toBe('a');
    expect((await store.transaction((tx) => tx.getSession('a')))?.id).toBe('a');
    expect(held).toHaveLength(0);
    await store.close();
  });

  test('commits made while an fsync is in flight share the next one', async () => {
    const held = holdFsyncs();
    const store = createSqliteStore({ directory: tempDir() });
    const first = store.transaction((tx) => tx.insertSession(sessionRecord('a')));
    await tick();
    const more = ['b', 'c', 'd'].map((id) => store.transaction((tx) => tx.insertSession(sessionRecord(id))));
    await tick();
    expect(held).toHaveLength(1);
    held.shift()?.done(null);
    await first;
    await tick();
    expect(held).toHaveLength(1);
    held.shift()?.done(null);
    await Promise.all(more);
    await store.close();
  });

  test('after a failed fsync nothing is answered as durable any more (STORE_UNAVAILABLE)', async () => {
    const held = holdFsyncs();
    const store = createSqliteStore({ directory: tempDir() });
    const write = store.transaction((tx) => tx.insertSession(sessionRecord('a')));
    await tick();
    held.shift()?.done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(write).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // A later fsync could succeed without the lost pages: the store stays failed.
    await expect(store.transaction((tx) => tx.getSession('a'))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('check the disk'),
    });
    expect(held).toHaveLength(0);
    await store.close();
  });

  test("synchronous: 'normal' never fsyncs", async () => {
    const held = holdFsyncs();
    const store = createSqliteStore({ directory: tempDir(), synchronous: 'normal' });
    await store.transaction((tx) => tx.insertSession(sessionRecord('a')));
    expect(held).toHaveLength(0);
    await store.close();
  });
});
