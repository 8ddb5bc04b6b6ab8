import type { Clock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { SessionStore, StoreReadTx, StoreTx } from '../store/store.js';
import { stateKey } from './agent-state.js';
import type { Ctx } from './unit-of-work.js';

/** The mark is raised at most once per this much clock time (so: not by every transaction). */
export const CLOCK_MARK_EVERY_MS = 1000;

/** A node's mark this far behind the highest is a stopped node's: resume deletes it. */
export const CLOCK_MARK_STALE_MS = 60_000;

interface StoredMark {
  at: number;
}

const markOf = (value: StoredMark | undefined) =>
  typeof value?.at === 'number' && Number.isFinite(value.at) ? value.at : undefined;

/** The highest mark of all nodes (and of the single mark older engines wrote), with every mark's key. */
async function readMarks(
  tx: Pick<StoreReadTx, 'listState'>,
): Promise<{ max: number | undefined; marks: Array<{ key: string; at: number }> }> {
  const marks: Array<{ key: string; at: number }> = [];
  for (const { key, value } of await tx.listState<StoredMark>(stateKey.clock)) {
    const at = markOf(value);
    if (at !== undefined && (key === stateKey.clock || key.startsWith(`${stateKey.clock}:`)))
      marks.push({ key, at });
  }
  const max = marks.length ? Math.max(...marks.map((m) => m.at)) : undefined;
  return { max, marks };
}

/** Raises this node's mark to `at` (never down). Only this node writes its key: no other node waits. */
async function raiseOwn(tx: StoreTx, key: string, at: number): Promise<number> {
  const next = Math.max(markOf(await tx.getState<StoredMark>(key)) ?? at, at);
  await tx.putState(key, { at: next } satisfies StoredMark);
  return next;
}

/**
 * Virtual time across restarts (docs/behaviour.md, "Virtual time across restarts"). Each engine
 * (node) keeps its own mark of the latest clock time it saw, under `engine:clock:<node id>`, and
 * resume takes the highest mark of all nodes: no node ever waits for another's mark.
 *
 * The mark is raised in a small transaction of its own, *before* the first transaction whose time
 * is {@link CLOCK_MARK_EVERY_MS} or more past it begins (the engine's store wrapper calls
 * {@link before}); the node's other transactions meanwhile wait for that raise in the process (one
 * raise in flight per node), never on a database lock. A transaction whose time is still a period
 * past the mark when it ends (it waited long for a connection) raises the mark itself, in the same
 * transaction. So a stored time is never more than a period past the stored mark, and a clean
 * close raises it to the clock's time. An engine on a {@link VirtualClock} starts by moving the
 * clock up to the highest mark (never back): exactly where it stopped after a clean close, within
 * {@link CLOCK_MARK_EVERY_MS} after a crash.
 */
export class ClockMark {
  readonly #store: SessionStore;
  readonly #clock: Clock;
  readonly #key: string;
  /** The mark this engine knows to be committed. */
  #committed = Number.NEGATIVE_INFINITY;
  /** The raise in flight, if any (the node's transactions share it). */
  #raising: Promise<void> | undefined;

  constructor(store: SessionStore, clock: Clock, nodeId: string = globalThis.crypto.randomUUID()) {
    this.#store = store;
    this.#clock = clock;
    this.#key = stateKey.clockOf(nodeId);
  }

  /**
   * Moves a virtual clock up to the highest mark in the store (the system clock is never moved),
   * and deletes the marks of stopped nodes ({@link CLOCK_MARK_STALE_MS} behind the highest).
   */
  async resume(): Promise<void> {
    const mark = await this.#store.transaction(async (tx) => {
      const { max, marks } = await readMarks(tx);
      if (max === undefined) return undefined;
      for (const m of marks) if (m.at < max - CLOCK_MARK_STALE_MS) await tx.putState(m.key, undefined);
      return max;
    });
    if (mark === undefined) return;
    this.#committed = mark;
    if (this.#clock instanceof VirtualClock && mark > this.#clock.now()) await this.#clock.setTime(mark);
  }

  /** Before a transaction begins: raises the mark (once for all of the node's transactions) if a period behind. */
  async before(): Promise<void> {
    while (this.#clock.now() >= this.#committed + CLOCK_MARK_EVERY_MS) await this.#raise(this.#clock.now());
  }

  /** Inside a transaction, before it commits: raises the mark itself if it is still a period behind. */
  async beforeCommit(ctx: Ctx): Promise<void> {
    if (ctx.now < this.#committed + CLOCK_MARK_EVERY_MS || this.#raising) return;
    ctx.clockMark = await raiseOwn(ctx.tx, this.#key, ctx.now);
  }

  /** After the commit: the mark the transaction wrote is now stored. */
  committed(ctx: Ctx): void {
    if (ctx.clockMark !== undefined && ctx.clockMark > this.#committed) this.#committed = ctx.clockMark;
  }

  /** On a clean close: the mark to the clock's time, so that a jump with nothing stored survives too. */
  async close(): Promise<void> {
    // To the time of the call: a clock still running (the system clock) would otherwise run ahead
    // of every raise, and the loop (which waits out a raise in flight to an earlier time) not end.
    const now = this.#clock.now();
    while (now > this.#committed) await this.#raise(now);
  }

  /** The raise in flight, or a new one to `at`. */
  #raise(at: number): Promise<void> {
    this.#raising ??= this.#store
      .transaction((tx) => raiseOwn(tx, this.#key, at))
      .then((next) => {
        if (next > this.#committed) this.#committed = next;
      })
      .finally(() => {
        this.#raising = undefined;
      });
    return this.#raising;
  }
}
