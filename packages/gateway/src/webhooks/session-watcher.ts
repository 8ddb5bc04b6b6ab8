import {
  type CallOptions,
  type MccService,
  type OperationName,
  operationNames,
  type RequestOf,
  type ResultOf,
} from '@mcc/core';
import { createMemoryWatchStore, type WatchedSession, type WatchStore } from './watch-store.js';
import type { EventSource, StreamEvent } from './webhook-event.js';

/** Options of {@link createSessionWatcher}. */
export interface SessionWatcherOptions {
  /** The MCC the sessions live on (the gateway's upstream, or the gateway itself). */
  upstream: MccService;
  /**
   * Polls through this service instead of `upstream` (e.g. past a recorder, so that the polls are
   * not recorded). Default `upstream`.
   */
  pollWith?: MccService;
  /** How often each open session is checked, in ms; 0: never (only callers' checks are seen). Default 1000. */
  intervalMs?: number;
  /** Checks in flight at once. Default 8. */
  concurrency?: number;
  /** Events kept for `readEvents` (oldest dropped first). Default 100 000. */
  maxEvents?: number;
  /** Most sessions watched at once; starts beyond it are not watched. Default 10 000. */
  maxSessions?: number;
  /**
   * Where the stream and the watched sessions are kept. Default in memory; a durable one
   * (`createSqliteWatchStore`) lets a restarted gateway go on watching, its seq going on.
   */
  store?: WatchStore;
  /** Told when the store fails (the stream goes on in memory). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** The gateway's own event stream: an `MccService` to serve, and the stream of what it saw. */
export interface SessionWatcher extends EventSource {
  /** Serve this: it forwards to the upstream and watches every session started through it. */
  readonly service: MccService;
  /** Sessions being watched. */
  readonly watching: number;
  /** Resolves once the store's state is loaded (every call waits for it anyway). */
  ready(): Promise<void>;
  /** Resolves once every event so far is written to the store (and so visible to readers). */
  flush(): Promise<void>;
  /** Events with `seq > afterSeq` that the store has kept (a durable cursor never passes one it lost). */
  readEvents(afterSeq: number, limit: number): Promise<StreamEvent[]>;
  subscribe(listener: () => void): () => void;
  /** Stops polling; closes the store once its pending writes are done. */
  close(): Promise<void>;
}

type Watched = WatchedSession;

/**
 * Push for an MCC that only polls: every session started through `service` is checked on the
 * upstream every `intervalMs` (and every answer a caller's own check brings is used too, and a
 * successful close through it); each
 * change of status or agent becomes a numbered event (`session.started`, `session.status`) of
 * the watcher's stream, which a webhook dispatcher delivers. A session stops being watched once
 * CLOSED or unknown. With a durable `store`, a restart goes on watching the same sessions and
 * numbering after the last seq; in memory, the sessions started before a restart are forgotten.
 */
export function createSessionWatcher(options: SessionWatcherOptions): SessionWatcher {
  const { upstream } = options;
  const poller = options.pollWith ?? upstream;
  const intervalMs = options.intervalMs ?? 1000;
  const concurrency = options.concurrency ?? 8;
  const maxEvents = options.maxEvents ?? 100_000;
  const maxSessions = options.maxSessions ?? 10_000;
  const store = options.store ?? createMemoryWatchStore();
  const onError = options.onError ?? (() => {});
  const sessions = new Map<string, Watched>();
  const events: StreamEvent[] = [];
  const listeners = new Set<() => void>();
  let seq = 0;
  /** The last seq the store has written: readers see no further. */
  let kept = 0;
  const loaded = Promise.resolve(store.load()).then((state) => {
    for (const [id, watched] of state.sessions) sessions.set(id, watched);
    events.push(...state.events);
    seq = kept = state.seq;
  });
  let writing: Promise<void> = loaded;
  /** Store writes, one after the other in call order. */
  const write = (work: () => void | Promise<void>, keptSeq?: number) => {
    writing = writing
      .then(work)
      .then(() => {
        if (keptSeq !== undefined) {
          kept = keptSeq;
          for (const listener of listeners) listener();
        }
      })
      .catch(onError);
  };

  function emit(sessionId: string, watched: Watched, status: string, username: string | undefined): void {
    const from = watched.status;
    watched.status = status;
    watched.username = username;
    events.push({
      seq: ++seq,
      type: from === undefined ? 'session.started' : 'session.status',
      at: Date.now(),
      sessionId,
      channelId: watched.channelId,
      serviceCode: watched.serviceCode,
      ...(from !== undefined ? { from } : {}),
      status,
      ...(username !== undefined ? { username } : {}),
    });
    const event = events.at(-1) as StreamEvent;
    const after = status === 'CLOSED' ? undefined : { ...watched };
    write(() => store.record(event, sessionId, after), event.seq);
    if (events.length > maxEvents) {
      events.splice(0, events.length - maxEvents);
      const upTo = (events[0]?.seq ?? seq) - 1;
      write(() => store.trim(upTo));
    }
  }

  function observe(
    sessionId: string,
    answer: { result: string; status?: string; username?: string; failReason?: string },
  ): void {
    const watched = sessions.get(sessionId);
    if (!watched) return;
    if (answer.result !== 'SUCCESS') {
      if (answer.failReason === 'INVALID_SESSION_ID') {
        sessions.delete(sessionId);
        write(() => store.forget(sessionId));
      }
      return;
    }
    const status = answer.status === 'UNKNOW' ? undefined : answer.status;
    if (status && (status !== watched.status || answer.username !== watched.username))
      emit(sessionId, watched, status, answer.username);
    if (status === 'CLOSED') sessions.delete(sessionId);
  }

  async function poll(): Promise<void> {
    await loaded;
    const ids = [...sessions.keys()];
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const sessionId = ids[next++] as string;
        try {
          observe(
            sessionId,
            await poller.checkSession({ sessionId }, { timeoutMs: Math.max(1000, intervalMs * 5) }),
          );
        } catch {
          // The upstream is unreachable now: the next round tries again.
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  }

  let busy = false;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          if (busy) return; // a slow upstream: rounds never pile up
          busy = true;
          void poll().finally(() => {
            busy = false;
          });
        }, intervalMs)
      : undefined;
  timer?.unref();

  async function forward<N extends OperationName>(
    operation: N,
    request: RequestOf<N>,
    callOptions?: CallOptions,
  ) {
    await loaded;
    const call = upstream[operation] as (r: RequestOf<N>, o?: CallOptions) => Promise<ResultOf<N>>;
    const result = await call.call(upstream, request, callOptions);
    const r = result as { result: string; sessionId?: string; status?: string; username?: string };
    if (
      operation === 'startSession' &&
      r.result === 'SUCCESS' &&
      r.sessionId &&
      sessions.size < maxSessions
    ) {
      const start = request as unknown as RequestOf<'startSession'>;
      const watched: Watched = {
        status: undefined,
        username: undefined,
        channelId: start.channelId,
        serviceCode: start.serviceid,
      };
      sessions.set(r.sessionId, watched);
      emit(r.sessionId, watched, 'NEW', undefined);
    } else if (operation === 'checkSession' || operation === 'checkSessionWithData') {
      observe((request as unknown as { sessionId: string }).sessionId, r);
    } else if (operation === 'closeSession' && r.result === 'SUCCESS') {
      // A close that succeeded leaves the session CLOSED: no need to wait for the next poll.
      const sessionId = (request as unknown as { sessionId: string }).sessionId;
      const watched = sessions.get(sessionId);
      if (watched)
        observe(sessionId, {
          result: 'SUCCESS',
          status: 'CLOSED',
          ...(watched.username ? { username: watched.username } : {}),
        });
    }
    return result;
  }

  const service: Record<string, unknown> = {};
  for (const operation of operationNames) {
    service[operation] = (request: RequestOf<typeof operation>, callOptions?: CallOptions) =>
      forward(operation, request, callOptions);
  }
  return {
    service: service as MccService,
    get watching() {
      return sessions.size;
    },
    ready: () => loaded,
    flush: async () => {
      await writing;
    },
    async readEvents(afterSeq, limit) {
      await loaded;
      const first = events[0]?.seq ?? seq + 1;
      const start = Math.max(0, afterSeq + 1 - first);
      return events.slice(start, start + limit).filter((e) => e.seq <= kept);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearInterval(timer);
      await writing;
      await store.close();
    },
  };
}
