import { type MccService, withValidation } from '@mcc/core';
import {
  type ContactCenterConfigInput,
  type ContactCenterControl,
  createEngine,
  createMemoryStore,
  type Engine,
  type SessionStore,
  VirtualClock,
} from '@mcc/engine';
import { createFaultyStore, type StoreFaults } from './faulty-store.js';

/** What a conformance target may be asked to start with. */
export interface TargetOptions {
  /** A contact-center configuration instead of the demo one (capability `configurable`). */
  config?: ContactCenterConfigInput;
}

/** A channel and a service of the target, where cases start their sessions. */
export interface SessionSubject {
  channelId: number;
  serviceid: string;
}

/** An MCC implementation under test, fresh for each case. */
export interface MccTarget {
  /** The MCC API: an engine, a REST or SOAP client, a gateway… */
  service: MccService;
  /**
   * Where the cases marked `live: 'write'` start their sessions. Default LiveHelp (1003) and
   * SUPPORT of the demo contact center; a live target names its test channel and service here.
   */
  subject?: SessionSubject;
  /** The contact-center side (capability `control`). */
  control?: ContactCenterControl;
  /** Virtual time (capability `virtualClock`). */
  clock?: VirtualClock;
  /** Store failure injection (capability `storeFaults`). */
  storeFaults?: StoreFaults;
  /** Releases everything the target holds. */
  close(): Promise<void>;
}

/** What a target can do; cases that need more are skipped with the reason printed. */
export interface Capabilities {
  /** Has `control` (agents, switches, sessions list, events). */
  control: boolean;
  /** Has a virtual `clock` (timers, opening hours). */
  virtualClock: boolean;
  /** Honours `TargetOptions.config`. */
  configurable: boolean;
  /** Has `storeFaults`. */
  storeFaults: boolean;
}

/** Every capability on: what the in-process engine target offers. */
export const allCapabilities: Capabilities = {
  control: true,
  virtualClock: true,
  configurable: true,
  storeFaults: true,
};

/** Options of {@link createEngineTarget}. */
export interface EngineTargetOptions extends TargetOptions {
  /** The store to run on (default a new memory store). */
  store?: SessionStore;
  /** Virtual clock start (default Monday 2026-01-05 10:00 UTC). */
  start?: number;
}

/** An in-process MCC: the engine (its input validated as a transport would) on virtual time. */
export interface EngineTarget extends Required<Omit<MccTarget, 'close' | 'subject'>> {
  engine: Engine;
  close(): Promise<void>;
}

/**
 * The in-process MCC for tests: the reference engine over a store (memory by default) that can be
 * made to fail, on a virtual clock, with every call validated by `dispatch` exactly as the REST
 * and SOAP servers do. Also the way to unit-test code that uses an `MccService`.
 */
export async function createEngineTarget(options: EngineTargetOptions = {}): Promise<EngineTarget> {
  const clock = new VirtualClock(options.start);
  const store = createFaultyStore(options.store ?? createMemoryStore());
  const engine = await createEngine({ store, clock, ...(options.config ? { config: options.config } : {}) });
  return {
    engine,
    service: withValidation(engine),
    control: engine.control,
    clock,
    storeFaults: store.faults,
    close: () => engine.close(),
  };
}
