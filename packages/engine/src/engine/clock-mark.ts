import type { Clock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { SessionStore, StoreReadTx, StoreTx } from '../store/store.js';
import { stateKey } from './agent-state.js';
import type { Ctx } from './unit-of-work.js';

/** The mark is raised at most once per this much clock time (so: not by every transaction). */
export const CLOCK_MARK_EVERY_MS = 1000;

interface StoredMark {
  at: number;
}

async function readMark(tx: Pick<StoreReadTx, 'getState'>): Promise<number | undefined> {
  const mark = await tx.getState<StoredMark>(stateKey.clock);
  return typeof mark?.at === 'number' && Number.isFinite(mark.at) ? mark.at : undefined;
}

async function raiseMark(tx: StoreTx, at: number): Promise<number> {
  // The last lock any transaction takes, so it keeps the lock order: nodes raise the mark in turn.
  await tx.lock('clock');
  const next = Math.max((await readMark(tx)) ?? at, at);
  await tx.putState(stateKey.clock, { at: next } satisfies StoredMark);
  return next;
}

/**
 * Virtual time across restarts (docs/behaviour.md, "Virtual time across restarts"). The store keeps
 * a mark of the latest clock time it saw: a transaction whose time is {@link CLOCK_MARK_EVERY_MS}
 * or more past the mark raises it to its time, in the same transaction, and a clean close raises it
 * to the clock's time. An engine on a {@link VirtualClock} starts by moving the clock up to the
 * mark (never back), so that the stored sessions and their timers keep their distance from now:
 * exactly after a clean close, within {@link CLOCK_MARK_EVERY_MS} after a crash.
 */
export class ClockMark {
  readonly #store: SessionStore;
  readonly #clock: Clock;
  /** The mark this engine knows to be committed. */
  #committed = Number.NEGATIVE_INFINITY;

  constructor(store: SessionStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  /** Moves a virtual clock up to the store's mark (the system clock is never moved). */
  async resume(): Promise<void> {
    const mark = await this.#store.read(readMark);
    if (mark === undefined) return;
    this.#committed = mark;
    if (this.#clock instanceof VirtualClock && mark > this.#clock.now()) await this.#clock.setTime(mark);
  }

  /** Inside a transaction, before it commits: raises the mark if it is a period or more behind. */
  async beforeCommit(ctx: Ctx): Promise<void> {
    if (ctx.now < this.#committed + CLOCK_MARK_EVERY_MS) return;
    ctx.clockMark = await raiseMark(ctx.tx, ctx.now);
  }

  /** After the commit: the mark the transaction wrote is now stored. */
  committed(ctx: Ctx): void {
    if (ctx.clockMark !== undefined && ctx.clockMark > this.#committed) this.#committed = ctx.clockMark;
  }

  /** On a clean close: the mark to the clock's time, so that a jump with nothing stored survives too. */
  async close(): Promise<void> {
    const now = this.#clock.now();
    if (now > this.#committed) await this.#store.transaction((tx) => raiseMark(tx, now));
  }
}
