import { MccError } from '@mcc/core';
import { type DomainEvent, type DomainEventInput, type StoreTx, sessionRow } from '@mcc/engine';
import { EVENTS_PER_TRANSACTION, eventSeq, type PruneSchedule } from './event-log.js';
import { licenceLockName } from './licences.js';
import { type Observation, type SpeculationCache, stateText } from './speculation-cache.js';

/** Thrown by a call a speculative transaction cannot predict: the work runs as a regular transaction. */
class Unpredictable extends Error {
  constructor(call: string) {
    super(`${call} is not predictable`);
  }
}

/** A read the cache could not answer: the session or state value a prefetch fetches. */
export type MissedRead = { readonly session: string } | { readonly state: string };

/** A speculative run of a transaction's work: what it recorded, for `mcc_apply`. */
export interface SpeculativeRun {
  readonly tx: StoreTx;
  /** The steps of `mcc_apply` (apply-function.ts), in the order of the calls. */
  readonly steps: unknown[][];
  /** The cached values the run relied on and the values it wrote. */
  readonly observations: Observation[];
  /** Whether a call could not be predicted (the run's outcome is then worthless). */
  readonly missed: boolean;
  /**
   * The reads the cache could not answer, when they were all the run could not predict (the
   * calls of a `Promise.all` all run before the first miss ends the work); otherwise empty.
   */
  readonly missedReads: readonly MissedRead[];
  /** Ends the run: its handle's calls fail with STORE_CLOSED from now on. */
  end(): void;
  /** Numbers the run's events once `mcc_apply` has answered the transaction's id. */
  committed(xid: number): void;
}

/**
 * A transaction that answers from what this node last saw committed (`cache`) and records every
 * call as a step of `mcc_apply`, so that a transaction whose reads the node could predict costs one
 * autocommit statement instead of two round trips (docs/architecture.md, "Speculative
 * transactions"). Reads become expectations that PostgreSQL checks under the lock the regular read
 * takes; an insert and a licence claim are predicted to succeed (`mcc_apply` raises MCC01 when
 * not, and the regular rerun gives the real answer). Named locks, queries, counts and anything not
 * in the cache are unpredictable: the call throws {@link Unpredictable} and the run is discarded
 * (the reads the cache could not answer are `missedReads`: speculative-apply.ts may fetch them
 * and run the work again).
 *
 * An appended event's number depends on the transaction id, known only once `mcc_apply` answers:
 * the event it returns has its `seq` from then on (reading it earlier throws, which discards the
 * run too).
 */
export function speculativeTx(cache: SpeculationCache, schema: string, prune: PruneSchedule): SpeculativeRun {
  const steps: unknown[][] = [];
  const observations: Observation[] = [];
  const events: DomainEvent[] = [];
  const missedReads: MissedRead[] = [];
  /** Whether a call other than a read of a value missing from the cache was unpredictable. */
  let unreadable = false;
  const miss = (call: string, read?: MissedRead): never => {
    if (read) missedReads.push(read);
    else unreadable = true;
    throw new Unpredictable(call);
  };
  const write = (o: Observation, step: unknown[]) => {
    observations.push(o);
    steps.push(step);
  };
  const calls: Omit<StoreTx, 'speculative'> = {
    lock: async () => miss('lock'),
    tryLock: async () => miss('tryLock'),
    countOpenSessions: async () => miss('countOpenSessions'),
    querySessions: async () => miss('querySessions'),
    dueSessions: async () => miss('dueSessions'),
    nextTimerAt: async () => miss('nextTimerAt'),
    listState: async () => miss('listState'),
    async getSession(id) {
      const record = cache.session(id);
      if (record === undefined) return miss('getSession', { session: id });
      write({ session: id, record }, ['r', id, record]);
      return JSON.parse(record);
    },
    async insertSession(session) {
      const row = sessionRow(session);
      write({ session: session.id, record: row[8] as string }, ['i', ...row]);
      return true;
    },
    async updateSession(session) {
      const row = sessionRow(session);
      write({ session: session.id, record: row[8] as string }, [
        session.status === 'CLOSED' ? 'c' : 'u',
        ...row,
      ]);
    },
    async deleteSession(id) {
      write({ session: id, record: undefined }, ['d', id]);
    },
    async claimLicence(channelId, licences, sessionId) {
      if (!(licences > 0)) return miss('claimLicence');
      steps.push(['l', channelId, licences, sessionId, licenceLockName(schema, channelId)]);
      return true;
    },
    async getState<T>(key: string) {
      const value = cache.state(key);
      if (value === undefined) return miss('getState', { state: key });
      write({ state: key, value }, ['s', key, value]);
      return value === null ? undefined : (JSON.parse(value) as T);
    },
    async putState(key, value) {
      const text = stateText(value);
      write({ state: key, value: text }, ['p', key, text]);
    },
    async appendEvent(input: DomainEventInput) {
      const n = events.length;
      if (n >= EVENTS_PER_TRANSACTION) return miss('appendEvent');
      const event = { ...input } as DomainEvent;
      Object.defineProperty(event, 'seq', {
        enumerable: true,
        configurable: true,
        get: () => {
          unreadable = true;
          throw new MccError('STORE_UNAVAILABLE', "an event's number is known once its transaction commits");
        },
      });
      events.push(event);
      steps.push(['e', n, JSON.stringify(input)]);
      const keep = prune.appended();
      if (keep !== undefined) steps.push(['x', keep]);
      return event;
    },
  };
  // A handle used after its run ended (leaked out of the work) fails, as a regular one does.
  let ended = false;
  const guarded = Object.fromEntries(
    Object.entries(calls).map(([name, call]) => [
      name,
      (...args: unknown[]) =>
        ended
          ? Promise.reject(new MccError('STORE_CLOSED', 'this transaction has ended'))
          : (call as (...a: unknown[]) => Promise<unknown>)(...args),
    ]),
  ) as unknown as Omit<StoreTx, 'speculative'>;
  const tx: StoreTx = { ...guarded, speculative: true };
  return {
    tx,
    steps,
    observations,
    get missed() {
      return unreadable || missedReads.length > 0;
    },
    get missedReads() {
      return unreadable ? [] : missedReads;
    },
    end() {
      ended = true;
    },
    committed(xid) {
      events.forEach((event, n) => {
        Object.defineProperty(event, 'seq', {
          value: eventSeq(xid, n),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      });
    },
  };
}
