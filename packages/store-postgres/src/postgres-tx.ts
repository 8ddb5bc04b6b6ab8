import { MccError } from '@mcc/core';
import {
  type DomainEvent,
  type DomainEventInput,
  SESSION_COLUMNS,
  type SessionQuery,
  type SessionRecord,
  type StoreReadTx,
  type StoreTx,
  sessionQuerySql,
  sessionRow,
} from '@mcc/engine';
import { escapeIdentifier, type QueryResult, type QueryResultRow } from 'pg';
import { insertEventSql, numberEvent, type PruneSchedule, pruneEventsSql } from './event-log.js';
import { claimLicence, licenceStatements } from './licences.js';

/** Runs one statement of the current transaction (errors already mapped to `MccError`). */
export type RunStatement = <R extends QueryResultRow = QueryResultRow>(
  sql: string,
  params?: unknown[],
) => Promise<QueryResult<R>>;

/** The store's tables, qualified with its schema, and the schema's name. */
export interface Tables {
  readonly schema: string;
  readonly sessions: string;
  readonly state: string;
  readonly events: string;
  readonly licences: string;
}

/** The qualified table names of a schema. */
export function tablesOf(schema: string): Tables {
  const s = escapeIdentifier(schema);
  return {
    schema,
    sessions: `${s}.mcc_sessions`,
    state: `${s}.mcc_state`,
    events: `${s}.mcc_events`,
    licences: `${s}.mcc_licences`,
  };
}

const COLUMNS = SESSION_COLUMNS.join(', ');
const VALUES = SESSION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const placeholder = (n: number) => `$${n}`;

/** The session writes of a schema (cached: the same text for every transaction). */
const statementsOf = new WeakMap<Tables, ReturnType<typeof buildSessionStatements>>();
function sessionStatements(t: Tables) {
  let statements = statementsOf.get(t);
  if (!statements) {
    statements = buildSessionStatements(t);
    statementsOf.set(t, statements);
  }
  return statements;
}

function buildSessionStatements(t: Tables) {
  const licences = licenceStatements(t.licences);
  // A plain UPDATE of the stored row (cheaper than an upsert, which first tries an index insert).
  const update = `UPDATE ${t.sessions} SET ${SESSION_COLUMNS.slice(1)
    .map((column, i) => `${column} = $${i + 2}`)
    .join(', ')} WHERE id = $1`;
  return {
    licences,
    insertEvent: insertEventSql(t.events),
    pruneEvents: pruneEventsSql(t.events),
    updateSession: update,
    closeSession: `WITH freed AS (${licences.free}) ${update}`,
    deleteSession: `WITH freed AS (${licences.free}) DELETE FROM ${t.sessions} WHERE id = $1`,
  };
}

/** How a transaction's statements reach the server: awaited ones, and writes nobody awaits. */
export interface TxStatements {
  /** Runs a statement whose result the caller needs (batched with whatever else is queued). */
  readonly query: RunStatement;
  /** Queues a write whose result nobody needs: it goes with the next statement or the COMMIT. */
  defer(sql: string, params?: unknown[]): void;
  /** The transaction's id (`xid`), known once its first batch has run (sending it if need be). */
  xid(): Promise<number>;
}

/**
 * The `StoreTx` of one PostgreSQL transaction, whose id (`xid`, taken at BEGIN) numbers its
 * events. Statements are batched (statement-batch.ts): writes nobody awaits (session updates and
 * deletes, state) go with the next statement that is awaited, or with the COMMIT, so a transaction
 * costs one round trip per step that needs an answer (locks are awaited: held once `lock` resolves). Isolation is READ COMMITTED: each statement sees what committed
 * before it, so a transaction that has just acquired an advisory lock sees every write of the
 * transaction that held the lock before it. Rows are locked when read for writing: `getSession`
 * always, `dueSessions` skipping rows locked elsewhere, `querySessions` once the transaction holds
 * a named lock. Appended events are deferred writes (they go with the COMMIT, as does a prune
 * now and then): nothing in a transaction reads the event log.
 */
export function createPostgresTx(statements: TxStatements, t: Tables, prune: PruneSchedule): StoreTx {
  const sql = sessionStatements(t);
  let appended = 0;
  return {
    ...createStatements(statements.query, statements.defer, t, true),
    async appendEvent(input: DomainEventInput): Promise<DomainEvent> {
      const xid = await statements.xid();
      // Numbered from this transaction's id: no shared counter row to lock (event-log.ts).
      const { event, params } = numberEvent(xid, input, appended);
      statements.defer(sql.insertEvent, params);
      appended++;
      const keep = prune.appended();
      if (keep !== undefined) statements.defer(sql.pruneEvents, [keep]);
      return event;
    },
  };
}

/**
 * The reads of {@link SessionStore.read}: each statement runs on its own (autocommit) on any
 * pooled connection, and nothing is locked — `getSession` included.
 */
export function createPostgresReads(run: RunStatement, t: Tables): StoreReadTx {
  const readOnly = () => {
    throw new MccError('STORE_UNAVAILABLE', 'a read of the PostgreSQL store cannot write');
  };
  const { getSession, countOpenSessions, querySessions, nextTimerAt, getState, listState } = createStatements(
    run,
    readOnly,
    t,
    false,
  );
  return { getSession, countOpenSessions, querySessions, nextTimerAt, getState, listState };
}

function createStatements(
  run: RunStatement,
  defer: TxStatements['defer'],
  t: Tables,
  locking: boolean,
): Omit<StoreTx, 'appendEvent'> {
  const records = (result: QueryResult<{ record: SessionRecord }>) => result.rows.map((r) => r.record);
  const sql = sessionStatements(t);
  /** Whether the transaction holds a named lock (then `querySessions` locks what it returns). */
  let serialised = false;

  return {
    async lock(name, shared) {
      // Two-key advisory locks: (schema, name), so that stores in other schemas never collide.
      // Several names: one statement, taking them in the array's order.
      const fn = `pg_advisory_xact_lock${shared ? '_shared' : ''}`;
      if (typeof name === 'string') await run(`SELECT ${fn}(hashtext($1), hashtext($2))`, [t.schema, name]);
      else
        await run(`SELECT ${fn}(hashtext($1), hashtext(n)) FROM unnest($2::text[]) n`, [t.schema, [...name]]);
      serialised = true;
    },

    async tryLock(exclusive, shared = []) {
      const result = await run<{ ok: boolean | null }>(
        `SELECT bool_and(ok) AS ok FROM (
           SELECT pg_try_advisory_xact_lock_shared(hashtext($1), hashtext(n)) AS ok FROM unnest($2::text[]) n
           UNION ALL
           SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext(n)) FROM unnest($3::text[]) n) l`,
        [t.schema, [...shared], [...exclusive]],
      );
      serialised = true;
      return result.rows[0]?.ok !== false;
    },

    async getSession(id) {
      const result = await run<{ record: SessionRecord }>(
        `SELECT record FROM ${t.sessions} WHERE id = $1${locking ? ' FOR UPDATE' : ''}`,
        [id],
      );
      return result.rows[0]?.record;
    },

    async insertSession(session) {
      const result = await run(
        `INSERT INTO ${t.sessions} (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (id) DO NOTHING`,
        sessionRow(session),
      );
      return result.rowCount === 1;
    },

    async updateSession(session) {
      // A close frees the session's licence in the same statement.
      defer(session.status === 'CLOSED' ? sql.closeSession : sql.updateSession, sessionRow(session));
    },

    async deleteSession(id) {
      defer(sql.deleteSession, [id]);
    },

    async claimLicence(channelId, licences, sessionId) {
      return claimLicence(run, sql.licences, t.schema, channelId, licences, sessionId);
    },

    async countOpenSessions(channelId) {
      const result = await run<{ n: number }>(
        `SELECT count(*)::integer AS n FROM ${t.sessions} WHERE channel_id = $1 AND status <> 'CLOSED'`,
        [channelId],
      );
      return result.rows[0]?.n ?? 0;
    },

    async querySessions(query: SessionQuery) {
      const { sql, params } = sessionQuerySql(t.sessions, query, placeholder);
      // Under a named lock the engine writes back records it queried (routing books queued
      // sessions): lock them, so that each is the latest committed version and stays so until
      // commit — a concurrent setSessionData is never overwritten with a stale record. Without a
      // named lock (checkSession, snapshots) a plain read avoids lock-order deadlocks with
      // transactions that already hold one of these rows.
      return records(await run(serialised ? `${sql} FOR UPDATE` : sql, params));
    },

    async dueSessions(now, limit) {
      return records(
        await run(
          `SELECT record FROM ${t.sessions} WHERE timer_at <= $1
           ORDER BY timer_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, limit],
        ),
      );
    },

    async nextTimerAt() {
      const result = await run<{ at: number | null }>(`SELECT min(timer_at) AS at FROM ${t.sessions}`);
      return result.rows[0]?.at ?? undefined;
    },

    async getState<T>(key: string) {
      const result = await run<{ value: T }>(`SELECT value FROM ${t.state} WHERE key = $1`, [key]);
      return result.rows[0]?.value;
    },

    async putState(key, value) {
      if (value === undefined) defer(`DELETE FROM ${t.state} WHERE key = $1`, [key]);
      else
        defer(
          `INSERT INTO ${t.state} (key, value) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
          [key, JSON.stringify(value)],
        );
    },

    async listState<T>(prefix: string) {
      const result = await run<{ key: string; value: T }>(
        `SELECT key, value FROM ${t.state} WHERE starts_with(key, $1) ORDER BY key`,
        [prefix],
      );
      return result.rows.map((r) => ({ key: r.key, value: r.value }));
    },
  };
}
