import { MccError } from '@mcc/core';
import type { DomainEvent, SessionStore, StoreReadTx, StoreTx } from '@mcc/engine';
import pg, { escapeIdentifier, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { PruneSchedule, readEvents } from './event-log.js';
import { isBroken, isConnectionError, isRetryable, toStoreError } from './map-error.js';
import { applyMigrations } from './migrate.js';
import {
  createPostgresReads,
  createPostgresTx,
  type RunStatement,
  type Tables,
  type TxStatements,
  tablesOf,
} from './postgres-tx.js';
import { type Observation, observing, SpeculationCache } from './speculation-cache.js';
import { type SpeculationContext, speculate } from './speculative-apply.js';
import { prepared, StatementBatch } from './statement-batch.js';

/** Options of {@link createPostgresStore}. Every duration is in milliseconds. */
export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:port/database`. Without it (and without `pool.host` etc.) the
   * driver reads the usual `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` variables.
   */
  connectionString?: string;
  /** Further `pg` pool settings (ssl, host, password…), applied over this store's defaults. */
  pool?: PoolConfig;
  /** The schema holding the store's `mcc_*` tables; created if missing. Default `public`. */
  schema?: string;
  /** Most connections this node opens. Default 10. */
  maxConnections?: number;
  /**
   * Longest a statement may run (or wait for a lock) before `STORE_TIMEOUT` (the server's
   * `statement_timeout`). Default 10 000. The client also gives up on a silent server after this
   * plus `connectionTimeoutMs`.
   */
  statementTimeoutMs?: number;
  /**
   * Longest to wait for a connection (opening one, or a free one from the pool) before
   * `STORE_UNAVAILABLE`. Default 5000. Keeps operations answering while the database is away.
   */
  connectionTimeoutMs?: number;
  /** The server ends a connection left idle inside a transaction this long. Default 60 000. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Most recent domain events kept for `readEvents`: older ones are pruned every tenth of this
   * many appended events (rounded up), so up to a tenth more are kept. Default 100 000; `Infinity`
   * keeps all.
   */
  eventRetention?: number;
  /** Shown in `pg_stat_activity`. Default `mcc`. */
  applicationName?: string;
  /**
   * Sessions and state values this node remembers (each kind; the least recently seen go first)
   * for speculative transactions: a transaction whose reads it can predict runs as one statement
   * (docs/architecture.md, "Speculative transactions"). Default 10 000; 0 turns speculation off.
   */
  speculationCacheSize?: number;
  /** Told about errors of idle pooled connections (the pool drops them and reconnects). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** The PostgreSQL `SessionStore`, with its schema and its pool (for monitoring; do not end it yourself). */
export interface PostgresStore extends SessionStore {
  readonly kind: 'postgres';
  readonly schema: string;
  readonly pool: pg.Pool;
}

/** The head of a transaction's first batch: BEGIN, then the transaction's id (which numbers its events). */
const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';
const XID = 'SELECT pg_current_xact_id()::text AS xid';

/** A transaction's first batch failed on a connection that was already dead: worth a fresh one. */
class StaleConnection extends Error {
  constructor(override readonly cause: unknown) {
    super('stale pooled connection', { cause });
  }
}

/** Attempts of a transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
const MAX_ATTEMPTS = 3;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new MccError('INVALID_CONFIG', `${name} must be a positive number, got ${value}`);
  return value;
}

/**
 * Opens the multi-node store: PostgreSQL through a `pg` connection pool. Applies the schema
 * migrations first (once, even when several nodes open the same schema at the same moment).
 *
 * - Transactions are `BEGIN` … `COMMIT` at READ COMMITTED; `lock(name)` is an advisory
 *   transaction lock, `getSession` locks the row (`FOR UPDATE`), `dueSessions` takes due rows
 *   with `FOR UPDATE SKIP LOCKED`. Any number of nodes may share one schema.
 * - Domain events are numbered from the appending transaction's id (no shared counter, no lock):
 *   unique and increasing across nodes, with gaps; `readEvents` answers only below the horizon of
 *   ended transactions, so a reader never misses or reorders a committed event (event-log.ts).
 * - A transaction PostgreSQL aborts for a deadlock or serialization failure is run again (at most
 *   three attempts in all), so the work function must act only through its `StoreTx`.
 * - Failures are `MccError`s: `STORE_UNAVAILABLE` (database unreachable or failing),
 *   `STORE_TIMEOUT` (statement timeout), `STORE_CLOSED` (after `close()`). Broken connections
 *   are discarded; the pool reconnects by itself when the database is back.
 *
 * Rejects with `STORE_UNAVAILABLE` when the database cannot be reached at open,
 * `STORE_OPEN_FAILED` when migrating fails, `INVALID_CONFIG` for bad options.
 */
export async function createPostgresStore(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (typeof schema !== 'string' || schema.length === 0 || schema.length > 63)
    throw new MccError(
      'INVALID_CONFIG',
      `schema must be a name of 1 to 63 characters, got ${String(schema)}`,
    );
  const max = positive('maxConnections', options.maxConnections, 10);
  const eventRetention = positive('eventRetention', options.eventRetention, 100_000);
  const statementTimeoutMs = positive('statementTimeoutMs', options.statementTimeoutMs, 10_000);
  const connectionTimeoutMs = positive('connectionTimeoutMs', options.connectionTimeoutMs, 5000);
  const pool = new pg.Pool({
    ...(options.connectionString !== undefined ? { connectionString: options.connectionString } : {}),
    max,
    connectionTimeoutMillis: connectionTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // A server that vanished without closing the connection: give up a little after the server would.
    query_timeout: statementTimeoutMs + connectionTimeoutMs,
    idle_in_transaction_session_timeout: positive(
      'idleInTransactionTimeoutMs',
      options.idleInTransactionTimeoutMs,
      60_000,
    ),
    application_name: options.applicationName ?? 'mcc',
    keepAlive: true,
    ...options.pool,
  });
  // An idle connection that breaks (server restart, network loss) is reported here; the pool has
  // already dropped it. Without a listener the process would crash.
  const onError = options.onError ?? (() => {});
  pool.on('error', (error) => onError(error));
  try {
    await applyMigrations(pool, schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const cacheSize = options.speculationCacheSize ?? 10_000;
  if (!(Number.isSafeInteger(cacheSize) && cacheSize >= 0))
    throw new MccError('INVALID_CONFIG', `speculationCacheSize must be a whole number ≥ 0, got ${cacheSize}`);
  const cache = cacheSize > 0 ? new SpeculationCache(cacheSize) : undefined;
  return new PgStore(pool, tablesOf(schema), eventRetention, max, statementTimeoutMs, cache);
}

class PgStore implements PostgresStore {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  #closing: Promise<void> | undefined;
  /** When appended events call for a prune (this node's transactions share it). */
  readonly #prune: PruneSchedule;
  /** What speculative transactions need of this store; undefined: speculation off. */
  readonly #speculation: SpeculationContext | undefined;

  constructor(
    readonly pool: pg.Pool,
    private readonly tables: Tables,
    eventRetention: number,
    /** BEGIN is retried on a fresh connection this many times when a pooled one turns out dead. */
    private readonly staleRetries: number,
    /** Longest readEvents waits for older transactions to end (the statement timeout). */
    private readonly eventWaitMs: number,
    /** What speculative transactions predict from; undefined: speculation off. */
    cache: SpeculationCache | undefined,
  ) {
    this.schema = tables.schema;
    this.#prune = new PruneSchedule(eventRetention);
    this.#speculation = cache && {
      cache,
      schema: tables.schema,
      prune: this.#prune,
      // The steps (speculative-tx.ts) as one autocommit statement.
      apply: `SELECT ${escapeIdentifier(tables.schema)}.mcc_apply($1::jsonb)::text AS xid`,
      read: (work) => this.read(work),
      connect: (onError) => this.#connect(onError),
      assertOpen: () => this.#assertOpen(),
    };
  }

  #assertOpen(): void {
    if (this.#closing) throw new MccError('STORE_CLOSED', 'the PostgreSQL store is closed');
  }

  async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.#assertOpen();
    const speculated = this.#speculation && (await speculate(work, this.#speculation));
    if (speculated) return speculated.value;
    for (let attempt = 1, stale = 0; ; attempt++) {
      try {
        return await this.#attempt(work);
      } catch (error) {
        // An idle pooled connection may have died unnoticed (the database restarted): its first
        // batch (BEGIN included) failed before anything ran, so a fresh connection may try again.
        if (error instanceof StaleConnection) {
          if (++stale <= this.staleRetries) {
            attempt--;
            continue;
          }
          throw error.cause;
        }
        if (attempt < MAX_ATTEMPTS && error instanceof MccError && isRetryable(error.cause)) continue;
        throw error;
      }
    }
  }

  /** A pooled connection, `onError` listening to it from the moment it is checked out. */
  async #connect(onError: (error: unknown) => void): Promise<PoolClient> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.#assertOpen();
      throw toStoreError(error, 'connecting');
    }
    client.on('error', onError);
    return client;
  }

  /**
   * One attempt of a transaction. Nothing is sent until the work awaits its first statement: BEGIN
   * (with the transaction's id, which numbers its events, event-log.ts) goes with that first batch,
   * and the events and COMMIT with whatever is still queued at the end — a transaction that sends
   * nothing never begins (a refusal before any statement costs no round trip).
   */
  async #attempt<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    let broken = false;
    let failure: MccError | undefined;
    // The connection may break while the work awaits something else: that is reported as an
    // 'error' event on the checked-out client, which must be handled.
    const onClientError = (error: unknown) => {
      broken = true;
      failure ??= toStoreError(error, 'in a transaction');
    };
    const client = await this.#connect(onClientError);
    let xid: number | undefined;
    let committing = false;
    const batch = new StatementBatch(
      client,
      (error) => {
        // An MccError is the batch's own refusal (a parameter it cannot send): the connection is fine.
        if (!(error instanceof MccError) && isBroken(error)) broken = true;
        return failure ?? toStoreError(error, 'running a statement');
      },
      {
        begin: BEGIN,
        statement: XID,
        resolve: (result) => {
          xid = Number(result.rows[0]?.xid);
        },
      },
    );
    const statements: TxStatements = {
      query: (sql, params) => (failure ? Promise.reject(failure) : batch.query(sql, params)),
      defer: (sql, params) => batch.defer(sql, params),
      async xid() {
        batch.assertOpen();
        if (xid === undefined) await batch.flush();
        if (!Number.isSafeInteger(xid))
          throw new MccError('STORE_UNAVAILABLE', 'PostgreSQL: no transaction id');
        return xid as number;
      },
    };
    // What the transaction reads and writes, for the speculation cache once it has committed.
    const observations: Observation[] = [];
    try {
      const regular = createPostgresTx(statements, this.tables, this.#prune);
      const cache = this.#speculation?.cache;
      const result = await work(cache ? observing(regular, observations) : regular);
      // The work caught a failed statement and went on: COMMIT would silently roll back.
      if (failure) throw failure;
      if (batch.failure !== undefined) throw batch.failure;
      // Whatever is still queued (the events, a prune, deferred writes) goes with the COMMIT: one
      // round trip. After an error in the batch PostgreSQL skips the rest, COMMIT included; the
      // ROLLBACK below ends the transaction. A transaction that sent and queued nothing commits nothing.
      committing = true;
      if (batch.sent || batch.pending) await batch.flush('COMMIT', true);
      cache?.committed(observations);
      return result;
    } catch (error) {
      // Nothing queued or issued from now on runs: it would run after the ROLLBACK, outside the transaction.
      batch.end();
      if (batch.sent && !broken) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
      }
      // Not once COMMIT was sent: whether it ran is unknown, and the work must not run twice.
      if (
        !committing &&
        !batch.answered &&
        batch.sent &&
        isConnectionError((error as MccError).cause ?? error)
      )
        throw new StaleConnection(error);
      throw error;
    } finally {
      batch.end();
      client.off('error', onClientError);
      client.release(broken || batch.lostTrack);
    }
  }

  async read<T>(work: (tx: StoreReadTx) => Promise<T>): Promise<T> {
    this.#assertOpen();
    // Autocommit statements on any pooled connection: one round trip per read, no row locks, so
    // polls never wait for a writer. A pooled connection found dead is replaced, as for BEGIN.
    const run: RunStatement = async <R extends QueryResultRow>(sql: string, params?: unknown[]) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.pool.query<R>(prepared(sql, params));
        } catch (error) {
          this.#assertOpen();
          if (isConnectionError(error) && attempt < this.staleRetries) continue;
          throw toStoreError(error, 'reading');
        }
      }
    };
    return work(createPostgresReads(run, this.tables));
  }

  async readEvents(afterSeq: number, limit: number): Promise<DomainEvent[]> {
    this.#assertOpen();
    const run = async <R extends QueryResultRow>(sql: string, params?: unknown[]) => {
      try {
        return await this.pool.query<R>(prepared(sql, params));
      } catch (error) {
        this.#assertOpen();
        throw toStoreError(error, 'reading events');
      }
    };
    return readEvents(run, this.tables.events, afterSeq, limit, this.eventWaitMs);
  }

  close(): Promise<void> {
    this.#closing ??= this.pool.end().catch(() => {});
    return this.#closing;
  }
}
