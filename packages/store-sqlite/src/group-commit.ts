/** The transaction control of the one connection the group commit drives (SQLite statements). */
export interface BatchConnection {
  begin(): void;
  savepoint(): void;
  release(): void;
  rollbackTo(): void;
  commit(): void;
  rollback(): void;
  /** Whether a transaction is still open (after a failed COMMIT). */
  inTransaction(): boolean;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<Tx> {
  connection: BatchConnection;
  /** The handle every work function gets. */
  tx: Tx;
  /** Whether the batch being run wrote anything; the group commit resets it before each batch. */
  writes: { wrote: boolean };
  /** Resolves once the batch just committed (and every earlier commit) is durable. */
  afterCommit(wrote: boolean): Promise<void>;
  /** Most transactions committed together. */
  maxBatch: number;
  /** Maps a driver error to what the caller sees. */
  mapError(error: unknown): unknown;
}

/** Queues transactions and runs them in batches; see {@link createGroupCommit}. */
export interface GroupCommit<Tx> {
  /** Runs `work` in the next batch (`readOnly`: it only reads); settles once its outcome is durable. */
  run<T>(work: (tx: Tx) => Promise<T>, readOnly: boolean): Promise<T>;
  /** Resolves when the queue is empty (the batch in progress has committed). */
  drained(): Promise<void>;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type Pending<Tx> = {
  work: (tx: Tx) => Promise<unknown>;
  readOnly: boolean;
  ok: (v: unknown) => void;
  fail: (e: unknown) => void;
};

/**
 * Group commit: the transactions that queued up while the previous batch ran execute one after
 * another inside one transaction, each in its own savepoint (so each still commits or rolls back
 * on its own; a batch of one needs no savepoint). After the batch's COMMIT the next batch starts at
 * once, while durability is awaited; a batch is answered when `afterCommit` says its commit (and
 * any earlier commit it may have read) is durable — nothing is answered before. A batch of reads
 * alone runs without BEGIN/COMMIT: on one connection nothing writes in between.
 *
 * While the previous commit's durability is still awaited (its fsync in flight), a write batch
 * stays open: transactions queued meanwhile run in it too (up to `maxBatch`), and it commits once
 * that wait is over. Its answers could not come sooner anyway (they wait for the next fsync, which
 * starts only after this one), so every transaction is answered as early as before, while the
 * commits — each writes its dirty pages to the WAL — come once per fsync instead of once per
 * batch that happened to be queued.
 */
export function createGroupCommit<Tx>(options: GroupCommitOptions<Tx>): GroupCommit<Tx> {
  const { connection: c, tx, writes, maxBatch, mapError } = options;
  let pending: Array<Pending<Tx>> = [];
  let draining: Promise<void> | undefined;
  let running = false;
  /** The previous commit's durability while it is awaited (see {@link createGroupCommit}). */
  let awaited: Promise<void> | undefined;
  /** Wakes an open batch waiting for more work (set while it waits). */
  let arrived: (() => void) | undefined;

  function answerWhenDurable(batch: Array<Pending<Tx>>, outcomes: Outcome[], wrote: boolean): void {
    const durable: Promise<void> = options.afterCommit(wrote).then(
      () =>
        batch.forEach((t, i) => {
          const outcome = outcomes[i] as Outcome;
          if (outcome.ok) t.ok(outcome.value);
          else t.fail(outcome.error);
        }),
      (error: unknown) => {
        for (const t of batch) t.fail(error);
      },
    );
    awaited = durable;
    void durable.then(() => {
      if (awaited === durable) awaited = undefined;
    });
  }

  /** Runs one transaction of an open batch, in a savepoint unless `alone`. */
  async function runOne(t: Pending<Tx>, alone: boolean, outcomes: Outcome[]): Promise<void> {
    if (!alone) c.savepoint();
    try {
      const value = await t.work(tx);
      if (!alone) c.release();
      outcomes.push({ ok: true, value });
    } catch (error) {
      if (!alone) {
        c.rollbackTo();
        c.release();
      }
      outcomes.push({ ok: false, error: mapError(error) });
    }
  }

  /** Until the previous commit is durable: runs what is queued meanwhile in the open batch. */
  async function growWhileAwaited(batch: Array<Pending<Tx>>, outcomes: Outcome[]): Promise<void> {
    while (awaited && batch.length < maxBatch) {
      if (pending.length === 0) {
        const woken = new Promise<void>((wake) => {
          arrived = wake;
        });
        await Promise.race([awaited, woken]);
        arrived = undefined;
        continue;
      }
      const more = pending.slice(0, maxBatch - batch.length);
      pending = pending.slice(more.length);
      for (const t of more) {
        batch.push(t);
        await runOne(t, false, outcomes);
      }
    }
  }

  async function runBatch(batch: Array<Pending<Tx>>): Promise<void> {
    const outcomes: Outcome[] = [];
    if (batch.every((t) => t.readOnly)) {
      for (const t of batch) {
        try {
          outcomes.push({ ok: true, value: await t.work(tx) });
        } catch (error) {
          outcomes.push({ ok: false, error: mapError(error) });
        }
      }
      answerWhenDurable(batch, outcomes, false);
      return;
    }
    try {
      c.begin();
    } catch (error) {
      for (const t of batch) t.fail(mapError(error));
      return;
    }
    // Alone: one transaction that nothing can join (no durability awaited) needs no savepoint.
    const single = batch.length === 1 && !awaited;
    writes.wrote = false;
    for (const t of [...batch]) await runOne(t, single, outcomes);
    if (!single) await growWhileAwaited(batch, outcomes);
    const rolledBack = single && !outcomes[0]?.ok;
    try {
      if (rolledBack) c.rollback();
      else c.commit();
    } catch (error) {
      if (c.inTransaction()) c.rollback();
      for (const t of batch) t.fail(mapError(error));
      return;
    }
    answerWhenDurable(batch, outcomes, writes.wrote && !rolledBack);
  }

  async function drain(): Promise<void> {
    // `running` turns false in the same synchronous step as the last check of `pending` (no
    // await in between), so a transaction queued by code resuming after an answer always finds
    // a drain to run it.
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        await runBatch(batch);
      }
    } finally {
      running = false;
    }
  }

  return {
    run<T>(work: (tx: Tx) => Promise<T>, readOnly: boolean): Promise<T> {
      return new Promise<T>((ok, fail) => {
        pending.push({ work, readOnly, ok: ok as (v: unknown) => void, fail });
        arrived?.();
        if (!running) {
          running = true;
          draining = drain();
        }
      });
    },
    async drained() {
      await draining;
    },
  };
}
