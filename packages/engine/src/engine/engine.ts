import type { MccService } from '@mcc/core';
import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/clock.js';
import { demoConfig } from '../config/demo.js';
import {
  type ContactCenterConfig,
  type ContactCenterConfigInput,
  parseContactCenterConfig,
} from '../config/schema.js';
import type { DomainEvent } from '../model/domain-event.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { SessionStore } from '../store/store.js';
import { stateKey } from './agent-state.js';
import { ClockMark } from './clock-mark.js';
import type { ContactCenterControl } from './control.js';
import { createControl } from './create-control.js';
import { Directory } from './directory.js';
import type { EngineParts } from './engine-parts.js';
import { checkSession, checkSessionWithData } from './operations/check-session.js';
import { closeSession } from './operations/close-session.js';
import { getServiceState } from './operations/get-service-state.js';
import { logoutAgentFromChannel } from './operations/logout-agent-from-channel.js';
import { sessionAccept } from './operations/session-accept.js';
import { setSessionData } from './operations/set-session-data.js';
import { startSession } from './operations/start-session.js';
import { Routing } from './routing.js';
import { SessionTimers } from './timers.js';
import { UnitOfWork } from './unit-of-work.js';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** The contact center (validated here). Default: the demo contact center. */
  config?: ContactCenterConfig | ContactCenterConfigInput;
  /** Where sessions live. Default: a new memory store. */
  store?: SessionStore;
  /** Time source. Default: the system clock; pass a `VirtualClock` for tests and the simulator. */
  clock?: Clock;
  /** Makes session ids for starts without one. Default `crypto.randomUUID`. */
  generateId?: () => string;
  /**
   * Also look for due timers in the store this often (ms of clock time: a `VirtualClock` drives the
   * poll too). Needed when several engines share a store, so that timers set by another node fire
   * here too. Default: off.
   */
  timerPollMs?: number;
  /**
   * This node's name in the store: its virtual-time mark is kept under `engine:clock:<nodeId>`
   * (clock-mark.ts). A node restarted under the same name reuses its mark. Default: a random UUID.
   */
  nodeId?: string;
  /** Told about failures of background work (timers, the clock mark on close). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** The reference MCC: an `MccService` over a store, plus the contact-center control. */
export interface Engine extends MccService {
  readonly config: ContactCenterConfig;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly control: ContactCenterControl;
  /** Stops timers, records the clock's time in the store (see `ClockMark`) and closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the reference engine: the behaviour of semantics.md over any store and clock. Applies
 * the configuration's start-up logins once per store, and arms the timers found in the store.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const config = options.config ? parseContactCenterConfig(options.config) : demoConfig;
  const store = options.store ?? createMemoryStore();
  const clock = options.clock ?? systemClock;
  const listeners = new Set<(event: DomainEvent) => void>();
  const directory = new Directory(config);
  const routing = new Routing(config, directory);
  const mark = new ClockMark(store, clock, options.nodeId);
  const onError = options.onError ?? (() => {});
  let closing: Promise<void> | undefined;
  // Every transaction of the engine first lets the clock mark catch up, outside it (clock-mark.ts).
  const marked: SessionStore = {
    kind: store.kind,
    transaction: async (w) => {
      await mark.before();
      return store.transaction(w);
    },
    read: (w) => store.read(w),
    readEvents: (afterSeq, limit) => store.readEvents(afterSeq, limit),
    close: () => store.close(),
  };
  const work = new UnitOfWork(
    marked,
    clock,
    (ctx, events) => {
      mark.committed(ctx);
      if (ctx.wake !== undefined) timers.wakeAt(ctx.wake);
      for (const event of events) for (const listener of listeners) listener(event);
    },
    (ctx) => mark.beforeCommit(ctx),
  );
  const parts: EngineParts = {
    config,
    directory,
    routing,
    work,
    generateId: options.generateId ?? (() => globalThis.crypto.randomUUID()),
  };
  const timers = new SessionTimers({
    config,
    store,
    clock,
    directory,
    routing,
    work,
    pollMs: options.timerPollMs,
    onError,
  });
  const engine: Engine = {
    config,
    store,
    clock,
    control: createControl(parts, { store, clock, listeners }),
    startSession: (req) => startSession(parts, req),
    sessionAccept: (req) => sessionAccept(parts, req),
    checkSession: (req) => checkSession(parts, req),
    checkSessionWithData: (req) => checkSessionWithData(parts, req),
    setSessionData: (req) => setSessionData(parts, req),
    closeSession: (req) => closeSession(parts, req),
    getServiceState: (req) => getServiceState(parts, req),
    logoutAgentFromChannel: (req) => logoutAgentFromChannel(parts, req),
    close() {
      closing ??= (async () => {
        timers.close();
        await mark.close().catch(onError);
        await store.close();
      })();
      return closing;
    },
  };
  await mark.resume();
  await work.transact(async (ctx) => {
    await ctx.tx.lock('routing');
    if (await ctx.tx.getState(stateKey.initialised)) return;
    await ctx.tx.putState(stateKey.initialised, { at: ctx.now });
    for (const agent of config.agents) {
      for (const channelId of agent.loggedInAtStart) await routing.login(ctx, agent, channelId, true);
    }
    await routing.route(ctx);
  });
  await timers.start();
  return engine;
}
