import type { DomainEvent, DomainEventInput } from '../model/domain-event.js';
import type { SessionRecord, StoredStatus } from '../model/session-record.js';

/** Which sessions {@link StoreTx.querySessions} returns. Omitted filters match everything. */
export interface SessionQuery {
  status?: readonly StoredStatus[];
  serviceCode?: string;
  channelId?: number;
  username?: string;
  /** Most records to return. */
  limit?: number;
}

/**
 * One transaction on a store. Reads see the transaction's own writes. Everything the callback of
 * {@link SessionStore.transaction} does commits together, or not at all if it throws.
 */
export interface StoreTx {
  /**
   * True in a *speculative* run (PostgreSQL: speculative-tx.ts): the store answers from what it
   * last saw and checks those answers at commit; any answer it cannot give ends the run, and the
   * work then runs again in a regular transaction. Work that counts its runs to choose its locks
   * (closeSession, sessionAccept) counts only regular ones.
   */
  readonly speculative?: boolean;
  /**
   * Holds the named lock until the transaction ends (PostgreSQL: an advisory transaction lock),
   * exclusive, or with `shared` shared with other shared holders of the name. The engine's lock
   * order: `routing` first — exclusive for decisions over the whole contact center (timers,
   * logouts, control switches), shared for decisions scoped to a few agents (closes that free an
   * agent, sessionAccept), which then take `agent:<username>` and `service:<code>` locks in sorted
   * order — then rows. A store that runs transactions one at a time may ignore locks. Several
   * names are taken in the order given (the caller sorts them), in one round trip where the store
   * can.
   */
  lock(name: string | readonly string[], shared?: boolean): Promise<void>;
  /**
   * Takes the named locks only where that needs no waiting — `shared` ones shared, `exclusive`
   * ones exclusive, in one round trip where the store can — and answers whether it got them all.
   * On false the caller must end the transaction (the store rolls it back): the locks it did get
   * are held until then. This lets a transaction that already holds a row lock take locks that
   * come before rows in the lock order without ever waiting for them (which could deadlock). A
   * store that runs transactions one at a time answers true.
   */
  tryLock(exclusive: readonly string[], shared?: readonly string[]): Promise<boolean>;

  /** The session, or undefined. In a SQL store the row is locked for the rest of the transaction. */
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Inserts a new session; false if the id is taken (a unique constraint, never an error). */
  insertSession(session: SessionRecord): Promise<boolean>;
  /** Replaces a stored session (same id). */
  updateSession(session: SessionRecord): Promise<void>;
  /** Forgets a session. */
  deleteSession(id: string): Promise<void>;
  /** Number of sessions on the channel that are not CLOSED. */
  countOpenSessions(channelId: number): Promise<number>;
  /**
   * The licence decision of a start: takes one of the channel's `licences` for the open session
   * `sessionId` this transaction has just inserted, or answers false when all are in use (the
   * caller then rolls back). The engine calls it right after {@link insertSession} without waiting
   * for the insert (a store that batches statements then sends both in one round trip): a store
   * runs a transaction's calls in the order they are made. When the insert found the id taken, the
   * answer does not matter (the start fails as a duplicate), but the call must not fail because of
   * it. The licence is the session's until it is updated to CLOSED or
   * deleted, or the transaction rolls back. A store that runs transactions one at a time may
   * simply check {@link countOpenSessions} (which counts the new session) against `licences`; one
   * that runs them concurrently must never let two transactions take the same licence, and should
   * not make every start on the channel wait for the others (PostgreSQL: a row per licence slot,
   * claimed `FOR UPDATE SKIP LOCKED`).
   */
  claimLicence(channelId: number, licences: number, sessionId: string): Promise<boolean>;
  /**
   * Sessions matching the query, ordered by `queueKey` then `createdAt` then id. A store that runs
   * transactions concurrently must return current, locked rows once the transaction holds a named
   * lock: the engine writes those records back (routing), and must not overwrite a change another
   * transaction committed meanwhile.
   */
  querySessions(query: SessionQuery): Promise<SessionRecord[]>;
  /** Sessions whose timer is due at `now`, earliest first (SQL: locked, skipping locked rows). */
  dueSessions(now: number, limit: number): Promise<SessionRecord[]>;
  /** The earliest pending timer of any session, if any. */
  nextTimerAt(): Promise<number | undefined>;

  /** A value of the key–value state (agent logins, runtime switches), or undefined. */
  getState<T>(key: string): Promise<T | undefined>;
  /** Sets (or with `undefined`, deletes) a value of the key–value state. */
  putState(key: string, value: unknown): Promise<void>;
  /** Keys of the key–value state starting with `prefix`. */
  listState<T>(prefix: string): Promise<Array<{ key: string; value: T }>>;

  /**
   * Appends a domain event and returns it with its sequence number (monotonic per store). In a
   * speculative run the number is known only at commit: reading `seq` earlier throws (and ends
   * the run); the engine reads it after the commit.
   */
  appendEvent(event: DomainEventInput): Promise<DomainEvent>;
}

/** The reads of a transaction: what {@link SessionStore.read} hands its work. */
export type StoreReadTx = Pick<
  StoreTx,
  'getSession' | 'countOpenSessions' | 'querySessions' | 'nextTimerAt' | 'getState' | 'listState'
>;

/**
 * Where the engine keeps sessions, agent state and domain events. Asynchronous and
 * transactional, so that PostgreSQL implements it as naturally as memory does.
 */
export interface SessionStore {
  /** A short name for logs and metrics (`memory`, `sqlite`, `postgres`). */
  readonly kind: string;
  /**
   * Runs `work` in one transaction; its writes are durable (on a durable store) when this resolves.
   * A store may run `work` again after a deadlock or serialisation failure, or after a
   * speculative run (`StoreTx.speculative`), so `work` must act only through its `StoreTx`.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Runs read-only `work` (the polling operations: checkSession, checkSessionWithData,
   * getServiceState, snapshots) without locking anything, so that polls never queue behind
   * writers' locks. Each read sees at least everything committed before `read` was called, and
   * nothing that is not yet durable; a SQL store may run each read as its own statement (as READ
   * COMMITTED does within a transaction anyway). `getSession` does not lock the row here.
   */
  read<T>(work: (tx: StoreReadTx) => Promise<T>): Promise<T>;
  /** Events with a sequence number above `afterSeq`, in order, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<DomainEvent[]>;
  /** Releases the store's resources. Further calls fail with `STORE_CLOSED`. */
  close(): Promise<void>;
}
