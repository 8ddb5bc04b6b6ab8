import { describe, expect, test } from 'vitest';
import { createWalSync } from './wal-sync.js';

/** A WAL sync over a fake file whose fsyncs return only when the test says so. */
function heldSync() {
  const held: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  const closed: number[] = [];
  const sync = createWalSync({
    walPath: '/nowhere/mcc.sqlite-wal',
    enabled: true,
    open: () => 7,
    fsync: (fd, done) => {
      expect(fd).toBe(7);
      held.push(done);
    },
    closeFile: (fd) => closed.push(fd),
  });
  return { sync, held, closed };
}

const settled = async (promise: Promise<unknown>) => {
  let state = 'pending';
  promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('WAL sync (on its own)', () => {
  test('a commit resolves only after an fsync that started after it returns', async () => {
    const { sync, held } = heldSync();
    const first = sync.afterCommit(true);
    expect(held).toHaveLength(1);
    expect(await settled(first)).toBe('pending');
    held.shift()?.(null);
    expect(await settled(first)).toBe('resolved');
  });

  test('commits during an fsync in flight share the next one; a read waits only for what it saw', async () => {
    const { sync, held } = heldSync();
    const first = sync.afterCommit(true);
    const second = sync.afterCommit(true);
    const third = sync.afterCommit(true);
    // A batch that only read may have read commits 2 and 3: it waits for them too.
    const read = sync.afterCommit(false);
    expect(held).toHaveLength(1);
    held.shift()?.(null);
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    expect(await settled(read)).toBe('pending');
    expect(held).toHaveLength(1);
    held.shift()?.(null);
    expect(await Promise.all([second, third, read])).toHaveLength(3);
    // Everything is synced: a read now resolves without any fsync.
    expect(await settled(sync.afterCommit(false))).toBe('resolved');
    expect(held).toHaveLength(0);
  });

  test('a failed fsync fails its waiters and every later commit (no retry: the pages may be lost)', async () => {
    const { sync, held } = heldSync();
    const first = sync.afterCommit(true);
    held.shift()?.(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(first).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: /check the disk/ });
    await expect(sync.afterCommit(false)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(sync.afterCommit(true)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(held).toHaveLength(0);
  });

  test('close waits for the fsync in flight, then closes the file', async () => {
    const { sync, held, closed } = heldSync();
    void sync.afterCommit(true);
    const closing = sync.close();
    expect(await settled(closing)).toBe('pending');
    expect(closed).toEqual([]);
    held.shift()?.(null);
    await closing;
    expect(closed).toEqual([7]);
  });

  test('disabled: nothing opened, synced or waited for', async () => {
    const sync = createWalSync({
      walPath: '/nowhere',
      enabled: false,
      open: () => {
        throw new Error('opened');
      },
      fsync: () => {
        throw new Error('synced');
      },
    });
    await expect(sync.afterCommit(true)).resolves.toBeUndefined();
    await sync.close();
  });
});
