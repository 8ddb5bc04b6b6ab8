import { faultResult, type OperationName, type ResultOf } from '@mcc/core';
import type { Clock } from '../clock/clock.js';
import type { DomainEvent, DomainEventInput } from '../model/domain-event.js';
import type { SessionRecord } from '../model/session-record.js';
import type { SessionStore, StoreReadTx, StoreTx } from '../store/store.js';
import { refusalResult, refuse } from './refusal.js';

/** What a read-only operation sees: the store's reads and the time. */
export interface ReadCtx {
  readonly tx: StoreReadTx;
  readonly now: number;
}

/** What one transaction of the engine sees: the store transaction, the time, and its events. */
export interface Ctx {
  readonly tx: StoreTx;
  readonly now: number;
  readonly events: DomainEventInput[];
  /** Earliest timer the transaction wrote. */
  wake?: number;
  /** The virtual-time mark the transaction wrote, if it raised it (see clock-mark.ts). */
  clockMark?: number;
}

/**
 * Thrown inside an operation's transaction when a lock it tried to take without waiting is held
 * elsewhere (routing.ts, `tryLockScope`): the transaction rolls back and the operation runs once
 * more, and then takes its locks by waiting, in the engine's lock order.
 */
export class Contended extends Error {}

/**
 * Counts the runs of one operation's work, for work that chooses its locks by its run (the first
 * try-locks, the second waits: closeSession, sessionAccept). A speculative run (`StoreTx.speculative`)
 * is not counted: the regular run after it is still the first.
 */
export function runCounter(): (ctx: Ctx) => number {
  let runs = 0;
  return (ctx) => (ctx.tx.speculative ? runs + 1 : ++runs);
}

/** Called after each commit with the committed transaction and its numbered events. */
export type OnCommit = (ctx: Ctx, events: readonly DomainEvent[]) => void;

/** Called inside each transaction that did not throw, just before its events and commit (the clock mark). */
export type BeforeCommit = (ctx: Ctx) => Promise<void>;

/**
 * The engine's unit of work: every command runs in one store transaction that loads, decides,
 * writes and appends its events; after the commit its events are published and its timers armed.
 * Refusals roll the transaction back and become the operation's FAILED result.
 */
export class UnitOfWork {
  readonly #store: SessionStore;
  readonly #clock: Clock;
  readonly #onCommit: OnCommit;
  readonly #beforeCommit: BeforeCommit;

  constructor(store: SessionStore, clock: Clock, onCommit: OnCommit, beforeCommit: BeforeCommit) {
    this.#store = store;
    this.#clock = clock;
    this.#onCommit = onCommit;
    this.#beforeCommit = beforeCommit;
  }

  /** Runs `work` in one store transaction, then publishes its events and arms its timers. */
  async transact<T>(work: (ctx: Ctx) => Promise<T>): Promise<T> {
    let ctx!: Ctx;
    const committed: DomainEvent[] = [];
    const result = await this.#store.transaction(async (tx) => {
      ctx = { tx, now: this.#clock.now(), events: [] };
      committed.length = 0;
      const out = await work(ctx);
      await this.#beforeCommit(ctx);
      for (const e of ctx.events) committed.push(await tx.appendEvent(e));
      return out;
    });
    this.#onCommit(ctx, committed);
    return result;
  }

  /**
   * Runs an MCC operation: refusals become FAILED results, store failures the op's fault reason.
   * A first run that meets {@link Contended} runs once more (the work knows by counting its runs).
   */
  async operation<N extends OperationName>(
    operation: N,
    work: (ctx: Ctx) => Promise<ResultOf<N>>,
  ): Promise<ResultOf<N>> {
    for (let run = 1; ; run++) {
      try {
        return await this.transact(work);
      } catch (error) {
        if (error instanceof Contended && run === 1) continue;
        return refusalResult(operation, error) ?? faultResult(operation, error);
      }
    }
  }

  /** Runs a read-only MCC operation through the store's lock-free reads. */
  async readOperation<N extends OperationName>(
    operation: N,
    work: (ctx: ReadCtx) => Promise<ResultOf<N>>,
  ): Promise<ResultOf<N>> {
    try {
      return await this.#store.read((tx) => work({ tx, now: this.#clock.now() }));
    } catch (error) {
      return refusalResult(operation, error) ?? faultResult(operation, error);
    }
  }

  /** Lock-free reads outside any transaction (`SessionStore.read`): a look before deciding what to lock. */
  read<T>(work: (tx: StoreReadTx) => Promise<T>): Promise<T> {
    return this.#store.read(work);
  }
}

/** Queues a domain event of the transaction, stamped with its time. */
export function emit(ctx: Ctx, event: Omit<DomainEventInput, 'at'>): void {
  ctx.events.push({ ...event, at: ctx.now });
}

/**
 * Writes a session (inserts it when there is no `prev`), notes its timer for arming after the
 * commit, and emits `session.started` or `session.status` when the status or agent changed.
 */
export async function save(
  ctx: Ctx,
  prev: SessionRecord | undefined,
  next: SessionRecord,
): Promise<SessionRecord> {
  if (prev) await ctx.tx.updateSession(next);
  else if (!(await ctx.tx.insertSession(next)))
    refuse<'startSession'>('DUPLICATED_SESSION_ID', `session ${next.id} already exists`);
  if (next.timerAt !== undefined && (ctx.wake === undefined || next.timerAt < ctx.wake))
    ctx.wake = next.timerAt;
  if (!prev) {
    emit(ctx, {
      type: 'session.started',
      sessionId: next.id,
      channelId: next.channelId,
      serviceCode: next.serviceCode,
      status: next.status,
    });
  } else if (prev.status !== next.status || prev.username !== next.username) {
    // Built field by field (no conditional spreads), in the order the events have always had.
    const event: Omit<DomainEventInput, 'at'> = {
      type: 'session.status',
      sessionId: next.id,
      channelId: next.channelId,
      serviceCode: next.serviceCode,
      from: prev.status,
      status: next.status,
    };
    if (next.username !== undefined) event.username = next.username;
    if (next.closeCause && next.status === 'CLOSED') event.detail = { cause: next.closeCause };
    emit(ctx, event);
  }
  return next;
}
