import { MccError } from '@mcc/core';
import type { DomainEvent, DomainEventInput } from '../model/domain-event.js';
import { isOpen, type SessionRecord, type StoredStatus } from '../model/session-record.js';
import type { SessionQuery, SessionStore, StoreReadTx, StoreTx } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most events kept for replay (older ones are dropped). Default 100 000. */
  eventLimit?: number;
}

function compareQueue(a: SessionRecord, b: SessionRecord): number {
  return (
    (a.queueKey ?? Number.POSITIVE_INFINITY) - (b.queueKey ?? Number.POSITIVE_INFINITY) ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The in-memory store: fast, single-process, gone on restart. Transactions run one at a time (so
 * every invariant holds trivially) and roll back on error through an undo log. Indexes keep the
 * hot queries (licence count, queue, agent load, due timers) independent of the number of
 * sessions.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const eventLimit = options.eventLimit ?? 100_000;
  const sessions = new Map<string, SessionRecord>();
  const byStatus = new Map<StoredStatus, Set<string>>();
  const byAgent = new Map<string, Set<string>>();
  const openByChannel = new Map<number, number>();
  const timed = new Set<string>();
  const state = new Map<string, unknown>();
  let events: DomainEvent[] = [];
  let seq = 0;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const addTo = <K>(map: Map<K, Set<string>>, key: K, id: string) => {
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    set.add(id);
  };

  function index(s: SessionRecord, add: boolean) {
    const op = add
      ? addTo
      : (map: Map<unknown, Set<string>>, key: unknown, id: string) => map.get(key)?.delete(id);
    op(byStatus as Map<unknown, Set<string>>, s.status, s.id);
    if (s.username) op(byAgent as Map<unknown, Set<string>>, s.username, s.id);
    if (isOpen(s)) openByChannel.set(s.channelId, (openByChannel.get(s.channelId) ?? 0) + (add ? 1 : -1));
    if (s.timerAt !== undefined) add ? timed.add(s.id) : timed.delete(s.id);
  }

  function put(id: string, next: SessionRecord | undefined) {
    const prev = sessions.get(id);
    if (prev) index(prev, false);
    if (next) {
      sessions.set(id, next);
      index(next, true);
    } else sessions.delete(id);
  }

  /** The undo log of the transaction running now (transactions run one at a time). */
  let undo: Array<() => void> | undefined;
  const guard = () => {
    if (!undo) throw new MccError('STORE_CLOSED', 'no transaction is running');
    return undo;
  };
  const setSession = (id: string, next: SessionRecord | undefined) => {
    const prev = sessions.get(id);
    guard().push(() => put(id, prev));
    put(id, next);
  };
  // One transaction object for the store's life: its methods are made once, not per transaction.
  const tx: StoreTx = {
    lock: async () => {
      guard();
    },
    tryLock: async () => {
      guard();
      return true;
    },
    getSession: async (id) => {
      guard();
      return sessions.get(id);
    },
    insertSession: async (s) => {
      guard();
      if (sessions.has(s.id)) return false;
      setSession(s.id, s);
      return true;
    },
    updateSession: async (s) => setSession(s.id, s),
    deleteSession: async (id) => setSession(id, undefined),
    countOpenSessions: async (channelId) => {
      guard();
      return openByChannel.get(channelId) ?? 0;
    },
    // Transactions run one at a time: the count is the licence decision.
    claimLicence: async (channelId, licences) => {
      guard();
      return (openByChannel.get(channelId) ?? 0) <= licences;
    },
    querySessions: async (q: SessionQuery) => {
      guard();
      let ids: Iterable<string>;
      if (q.username !== undefined) ids = byAgent.get(q.username) ?? [];
      else if (q.status) ids = q.status.flatMap((st) => [...(byStatus.get(st) ?? [])]);
      else ids = sessions.keys();
      const out: SessionRecord[] = [];
      for (const id of ids) {
        const s = sessions.get(id);
        if (!s) continue;
        if (q.status && !q.status.includes(s.status)) continue;
        if (q.serviceCode !== undefined && s.serviceCode !== q.serviceCode) continue;
        if (q.channelId !== undefined && s.channelId !== q.channelId) continue;
        out.push(s);
      }
      out.sort(compareQueue);
      return q.limit !== undefined ? out.slice(0, q.limit) : out;
    },
    dueSessions: async (now, limit) => {
      guard();
      const due: SessionRecord[] = [];
      for (const id of timed) {
        const s = sessions.get(id);
        if (s?.timerAt !== undefined && s.timerAt <= now) due.push(s);
      }
      return due.sort((a, b) => (a.timerAt ?? 0) - (b.timerAt ?? 0)).slice(0, limit);
    },
    nextTimerAt: async () => {
      guard();
      let min: number | undefined;
      for (const id of timed) {
        const at = sessions.get(id)?.timerAt;
        if (at !== undefined && (min === undefined || at < min)) min = at;
      }
      return min;
    },
    getState: async <T>(key: string) => {
      guard();
      return state.get(key) as T | undefined;
    },
    putState: async (key, value) => {
      const log = guard();
      const had = state.has(key);
      const prev = state.get(key);
      log.push(() => (had ? state.set(key, prev) : state.delete(key)));
      if (value === undefined) state.delete(key);
      else state.set(key, value);
    },
    listState: async <T>(prefix: string) => {
      guard();
      const out: Array<{ key: string; value: T }> = [];
      for (const [key, value] of state) if (key.startsWith(prefix)) out.push({ key, value: value as T });
      return out.sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    appendEvent: async (input: DomainEventInput) => {
      const log = guard();
      const event: DomainEvent = { ...input, seq: ++seq };
      events.push(event);
      log.push(() => {
        events.pop();
        seq--;
      });
      return event;
    },
  };

  async function run<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    const log: Array<() => void> = [];
    undo = log;
    try {
      const result = await work(tx);
      if (events.length > eventLimit * 1.5) events = events.slice(events.length - eventLimit);
      return result;
    } catch (error) {
      for (let i = log.length - 1; i >= 0; i--) log[i]?.();
      throw error;
    } finally {
      undo = undefined;
    }
  }

  return {
    kind: 'memory',
    transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new MccError('STORE_CLOSED', 'the store is closed'));
      const next = queue.then(() => run(work));
      queue = next.catch(() => {});
      return next;
    },
    read<T>(work: (tx: StoreReadTx) => Promise<T>): Promise<T> {
      // In memory a read is a transaction like any other (it queues behind writes, which never block).
      return this.transaction(work);
    },
    async readEvents(afterSeq, limit) {
      if (closed) throw new MccError('STORE_CLOSED', 'the store is closed');
      // events are dense in seq: find the first index by offset from the oldest kept.
      const first = events[0]?.seq ?? seq + 1;
      const start = Math.max(0, afterSeq + 1 - first);
      return events.slice(start, start + limit);
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}
