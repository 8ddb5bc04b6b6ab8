import type { Clock, TimerHandle } from '../clock/clock.js';
import type { ContactCenterConfig } from '../config/schema.js';
import type { SessionRecord } from '../model/session-record.js';
import type { SessionStore } from '../store/store.js';
import { stateKey } from './agent-state.js';
import type { Directory } from './directory.js';
import { type Routing, routingLocks } from './routing.js';
import * as t from './transitions.js';
import { type Ctx, emit, save, type UnitOfWork } from './unit-of-work.js';

const TIMER_BATCH = 100;
const TIMER_RETRY_MS = 1000;

/** What {@link SessionTimers} works with. */
export interface SessionTimersOptions {
  config: ContactCenterConfig;
  store: SessionStore;
  clock: Clock;
  directory: Directory;
  routing: Routing;
  work: UnitOfWork;
  /** Also look for due timers this often (ms of clock time); 0 or undefined: never. */
  pollMs?: number | undefined;
  onError: (error: unknown) => void;
}

/**
 * The sessions' timers (stored with each session as `timer`, `timerAt`): one clock timer armed at
 * the earliest of them, and optionally a poll for timers another node wrote. Both run on the
 * injected clock, so virtual time drives them.
 */
export class SessionTimers {
  readonly #o: SessionTimersOptions;
  #timer: TimerHandle | undefined;
  #timerAt: number | undefined;
  #poll: TimerHandle | undefined;
  #closed = false;

  constructor(options: SessionTimersOptions) {
    this.#o = options;
  }

  /** Arms the clock timer at the store's earliest pending timer, and starts the poll if asked for. */
  async start(): Promise<void> {
    await this.#armFromStore();
    const { pollMs, clock } = this.#o;
    if (pollMs && !this.#closed && !this.#poll)
      this.#poll = clock.setRepeatingTimer(pollMs, () => this.runDue());
  }

  async #armFromStore(): Promise<void> {
    const next = await this.#o.store.transaction((tx) => tx.nextTimerAt());
    if (next !== undefined) this.wakeAt(next);
  }

  /** Makes sure the timers due at `at` run then (no-op if an earlier wake is armed). */
  wakeAt(at: number): void {
    if (this.#closed || (this.#timerAt !== undefined && this.#timerAt <= at)) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = this.#o.clock.setTimer(at, () => this.runDue());
  }

  /** Fires every due timer, in batches of one transaction each, then arms the next wake. */
  async runDue(): Promise<void> {
    if (this.#closed) return;
    this.#timer = undefined;
    this.#timerAt = undefined;
    try {
      // A lock-free look first: a poll (or a wake) with nothing due takes no lock at all.
      const next = await this.#o.work.read((tx) => tx.nextTimerAt());
      if (next === undefined || next > this.#o.clock.now()) {
        if (next !== undefined) this.wakeAt(next);
        return;
      }
      for (;;) {
        const handled = await this.#o.work.transact(async (ctx) => {
          await ctx.tx.lock(routingLocks.all);
          const due = await ctx.tx.dueSessions(ctx.now, TIMER_BATCH);
          for (const session of due) await this.#fire(ctx, session);
          if (due.length) await this.#o.routing.route(ctx);
          return due.length;
        });
        if (handled < TIMER_BATCH) break;
      }
      await this.#armFromStore();
    } catch (error) {
      if (this.#closed) return;
      this.#o.onError(error);
      this.wakeAt(this.#o.clock.now() + TIMER_RETRY_MS);
    }
  }

  /** Stops the wake and the poll; nothing fires afterwards. */
  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#poll?.cancel();
  }

  async #fire(ctx: Ctx, s: SessionRecord): Promise<void> {
    if (!t.timerApplies(s)) return;
    const timers = this.#o.config.timers;
    switch (s.timer) {
      case 'expire':
        await save(ctx, s, t.closed(s, ctx.now, 'EXPIRED', timers));
        break;
      case 'autoAnswer':
        await save(ctx, s, t.assigned(s, ctx.now));
        break;
      case 'bookingTimeout':
        await this.#redirectOnNoAnswer(ctx, s);
        break;
      case 'finishClose':
        await save(ctx, s, t.closed(s, ctx.now, s.closing?.reason ?? 'REQUEST_FROM_CALLER', timers));
        break;
      case 'purge':
        await ctx.tx.deleteSession(s.id);
        emit(ctx, {
          type: 'session.purged',
          sessionId: s.id,
          channelId: s.channelId,
          serviceCode: s.serviceCode,
        });
        break;
      default:
        break;
    }
  }

  /** A booking not answered in time: the agent is made not ready there, the session goes back first. */
  async #redirectOnNoAnswer(ctx: Ctx, s: SessionRecord): Promise<void> {
    if (!t.isBooked(s)) return;
    const runtime = await this.#o.directory.agentRuntime(ctx.tx, s.username);
    const login = runtime.channels[String(s.channelId)];
    if (login?.ready) {
      login.ready = false;
      await ctx.tx.putState(stateKey.agent(s.username), runtime);
      emit(ctx, {
        type: 'agent.ready',
        username: s.username,
        channelId: s.channelId,
        detail: { ready: false, cause: 'bookingTimeout' },
      });
    }
    await this.#o.routing.requeueAtHead(ctx, s);
  }
}
