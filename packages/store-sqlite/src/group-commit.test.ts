import { describe, expect, test } from 'vitest';
import { createGroupCommit } from './group-commit.js';

/** A group commit over a connection that records its statements; durability is held by the test. */
function recorded(maxBatch = 256) {
  const log: string[] = [];
  const durable: Array<{ wrote: boolean; ok: () => void; fail: (e: unknown) => void }> = [];
  let open = false;
  const writes = { wrote: false };
  const batches = createGroupCommit({
    connection: {
      begin: () => {
        log.push('BEGIN');
        open = true;
      },
      savepoint: () => log.push('SAVEPOINT'),
      release: () => log.push('RELEASE'),
      rollbackTo: () => log.push('ROLLBACK TO'),
      commit: () => {
        log.push('COMMIT');
        open = false;
      },
      rollback: () => {
        log.push('ROLLBACK');
        open = false;
      },
      inTransaction: () => open,
    },
    tx: {
      write: (name: string) => {
        writes.wrote = true;
        log.push(`write ${name}`);
      },
    },
    writes,
    afterCommit: (wrote) => new Promise<void>((ok, fail) => durable.push({ wrote, ok, fail })),
    maxBatch,
    mapError: (error) => new Error(`mapped: ${(error as Error).message}`),
  });
  return { batches, log, durable };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit (on its own)', () => {
  test('a batch of one: BEGIN, work, COMMIT, answered only once durable', async () => {
    const { batches, log, durable } = recorded();
    let answered: unknown;
    const done = batches
      .run(async (tx) => tx.write('a'), false)
      .then((v) => {
        answered = v ?? 'done';
      });
    await tick();
    expect(log).toEqual(['BEGIN', 'write a', 'COMMIT']);
    expect(durable.map((d) => d.wrote)).toEqual([true]);
    expect(answered).toBeUndefined();
    durable[0]?.ok();
    await done;
    expect(answered).toBe('done');
  });

  test('transactions queued meanwhile share one COMMIT, each in a savepoint; a failure rolls back only its own', async () => {
    const { batches, log, durable } = recorded();
    const first = batches.run(async (tx) => tx.write('a'), false);
    const second = batches.run(async (tx) => tx.write('b'), false);
    const third = batches.run(async (tx) => {
      tx.write('c');
      throw new Error('refused');
    }, false);
    const fourth = batches.run(async () => 'read', true);
    await tick();
    expect(log).toEqual([
      'BEGIN',
      'write a',
      'COMMIT',
      'BEGIN',
      'SAVEPOINT',
      'write b',
      'RELEASE',
      'SAVEPOINT',
      'write c',
      'ROLLBACK TO',
      'RELEASE',
      'SAVEPOINT',
      'RELEASE',
    ]);
    // The second batch stays open while the first commit's durability is awaited; then it commits.
    durable[0]?.ok();
    await tick();
    expect(log.at(-1)).toBe('COMMIT');
    for (const d of durable) d.ok();
    await first;
    await second;
    await expect(third).rejects.toThrow('mapped: refused');
    expect(await fourth).toBe('read');
  });

  test('reads alone run without a transaction and say they wrote nothing', async () => {
    const { batches, log, durable } = recorded();
    const reads = [batches.run(async () => 1, true), batches.run(async () => 2, true)];
    await tick();
    expect(log).toEqual([]);
    // The first runs at once, the second in the next batch: neither wrote.
    expect(durable.map((d) => d.wrote)).toEqual([false, false]);
    for (const d of durable) d.ok();
    expect(await Promise.all(reads)).toEqual([1, 2]);
  });

  test('a batch of one that fails is rolled back, and the next batch still runs', async () => {
    const { batches, log, durable } = recorded();
    const failing = batches.run(async () => {
      throw new Error('no');
    }, false);
    await tick();
    expect(log).toEqual(['BEGIN', 'ROLLBACK']);
    expect(durable.map((d) => d.wrote)).toEqual([false]);
    durable[0]?.ok();
    await expect(failing).rejects.toThrow('mapped: no');
    const next = batches.run(async (tx) => tx.write('z'), false);
    await tick();
    durable[1]?.ok();
    await next;
    expect(log.slice(-3)).toEqual(['BEGIN', 'write z', 'COMMIT']);
  });

  test('while a commit awaits its fsync, transactions queued meanwhile join the open batch: one COMMIT per fsync', async () => {
    const { batches, log, durable } = recorded();
    const answered: string[] = [];
    const run = (name: string) =>
      batches
        .run(async (tx) => tx.write(name), false)
        .then(() => {
          answered.push(name);
        });
    const all = [run('a'), run('b')];
    await tick();
    all.push(run('c'));
    await tick();
    all.push(run('d'));
    await tick();
    // a committed alone; b, c and d, queued one after another while a's fsync was in flight, share one open batch.
    expect(log.filter((s) => s === 'COMMIT')).toHaveLength(1);
    expect(log.filter((s) => s.startsWith('write'))).toEqual(['write a', 'write b', 'write c', 'write d']);
    durable[0]?.ok();
    await tick();
    expect(answered).toEqual(['a']);
    expect(log.filter((s) => s === 'COMMIT')).toHaveLength(2);
    expect(durable.map((d) => d.wrote)).toEqual([true, true]);
    // Nothing of the second batch is answered before its own commit is durable.
    durable[1]?.ok();
    await Promise.all(all);
    expect(answered).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a batch grows at most to maxBatch while it waits', async () => {
    const { batches, log, durable } = recorded(2);
    const all = ['a', 'b'].map((name) => batches.run(async (tx) => tx.write(name), false));
    await tick();
    all.push(batches.run(async (tx) => tx.write('c'), false));
    await tick();
    // b and c fill a batch of two, which commits without waiting for a's fsync.
    expect(log.filter((s) => s === 'COMMIT')).toHaveLength(2);
    for (const d of durable) d.ok();
    await Promise.all(all);
  });

  test('a durability failure fails the whole batch; maxBatch bounds a batch', async () => {
    const { batches, log, durable } = recorded(2);
    const all = ['a', 'b', 'c'].map((name) => batches.run(async (tx) => tx.write(name), false));
    await tick();
    // The first runs alone; the two queued meanwhile fit one batch of at most two.
    expect(log.filter((s) => s === 'COMMIT')).toHaveLength(2);
    durable[0]?.ok();
    durable[1]?.fail(new Error('disk gone'));
    await all[0];
    await expect(all[1]).rejects.toThrow('disk gone');
    await expect(all[2]).rejects.toThrow('disk gone');
    await batches.drained();
  });
});
