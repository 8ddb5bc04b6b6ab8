import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type DomainEvent,
  type DomainEventInput,
  MccError,
  type SessionQuery,
  type SessionRecord,
  type SessionStore,
  type StoreTx,
} from '@mcc/core';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Data directory (created if missing). The database is `<directory>/mcc.sqlite`. */
  directory: string;
  /** File name inside the directory. Default `mcc.sqlite`. */
  fileName?: string;
  /**
   * `full` (default): every commit is fsynced before the transaction resolves, so an answered
   * SUCCESS survives a power loss. `normal`: survives a process crash, not a power loss; faster.
   */
  synchronous?: 'full' | 'normal';
  /** How long to wait for the file lock at open before failing with `STORE_LOCKED`. Default 2000 ms. */
  lockTimeoutMs?: number;
  /** Most transactions committed together (group commit). Default 256. */
  maxBatch?: number;
}

type Row = { record: string };

/**
 * The embedded durable store: SQLite through better-sqlite3, WAL journal, versioned migrations
 * at open, the file held exclusively by this process (a second process gets `STORE_LOCKED`).
 * Transactions run one at a time (`BEGIN IMMEDIATE` … `COMMIT`), which keeps every invariant of
 * semantics.md §6 within the one process that may use the file.
 */
export function createSqliteStore(options: SqliteStoreOptions): SessionStore & { readonly path: string } {
  const directory = resolve(options.directory);
  const path = join(directory, options.fileName ?? 'mcc.sqlite');
  const maxBatch = options.maxBatch ?? 256;
  let db: Database.Database;
  try {
    mkdirSync(directory, { recursive: true });
    db = new Database(path, { timeout: options.lockTimeoutMs ?? 2000 });
  } catch (error) {
    throw new MccError(
      'STORE_OPEN_FAILED',
      `cannot open the SQLite store at ${path}: ${(error as Error).message} (is the data directory writable?)`,
      { cause: error },
    );
  }
  try {
    // Exclusive locking before WAL: the file is held by this process from its first write on
    // (and WAL needs no shared memory). The empty write transaction takes that lock now.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new MccError(
        'STORE_LOCKED',
        `the SQLite store ${path} is locked by another process (is another MCC server using this data directory?)`,
        { cause: error },
      );
    }
    throw new MccError(
      'STORE_OPEN_FAILED',
      `cannot open the SQLite store at ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }

  const q = {
    get: db.prepare<[string], Row>('SELECT record FROM sessions WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO sessions (id, channel_id, service_code, status, username, queue_key, created_at, timer_at, record)
       VALUES (@id, @channelId, @serviceCode, @status, @username, @queueKey, @createdAt, @timerAt, @record)
       ON CONFLICT (id) DO NOTHING`,
    ),
    update: db.prepare(
      `UPDATE sessions SET channel_id = @channelId, service_code = @serviceCode, status = @status, username = @username,
       queue_key = @queueKey, created_at = @createdAt, timer_at = @timerAt, record = @record WHERE id = @id`,
    ),
    delete: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
    countOpen: db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM sessions WHERE channel_id = ? AND status <> 'CLOSED'",
    ),
    due: db.prepare<[number, number], Row>(
      'SELECT record FROM sessions WHERE timer_at IS NOT NULL AND timer_at <= ? ORDER BY timer_at, id LIMIT ?',
    ),
    nextTimer: db.prepare<[], { at: number | null }>('SELECT min(timer_at) AS at FROM sessions'),
    getState: db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?'),
    putState: db.prepare<[string, string]>(
      'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteState: db.prepare<[string]>('DELETE FROM state WHERE key = ?'),
    listState: db.prepare<[string, string], { key: string; value: string }>(
      'SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key',
    ),
    appendEvent: db.prepare<[string], { seq: number }>(
      'INSERT INTO events (seq, event) VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM events), ?) RETURNING seq',
    ),
    readEvents: db.prepare<[number, number], { seq: number; event: string }>(
      'SELECT seq, event FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    begin: db.prepare('BEGIN IMMEDIATE'),
    savepoint: db.prepare('SAVEPOINT tx'),
    release: db.prepare('RELEASE tx'),
    rollbackTo: db.prepare('ROLLBACK TO tx'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
  };

  const params = (s: SessionRecord) => ({
    id: s.id,
    channelId: s.channelId,
    serviceCode: s.serviceCode,
    status: s.status,
    username: s.username ?? null,
    queueKey: s.queueKey ?? null,
    createdAt: s.createdAt,
    timerAt: s.timerAt ?? null,
    record: JSON.stringify(s),
  });
  const parse = (row: Row | undefined) => (row ? (JSON.parse(row.record) as SessionRecord) : undefined);

  function query(filter: SessionQuery): SessionRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) {
      where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
      args.push(...filter.status);
    }
    if (filter.serviceCode !== undefined) {
      where.push('service_code = ?');
      args.push(filter.serviceCode);
    }
    if (filter.channelId !== undefined) {
      where.push('channel_id = ?');
      args.push(filter.channelId);
    }
    if (filter.username !== undefined) {
      where.push('username = ?');
      args.push(filter.username);
    }
    const sql = `SELECT record FROM sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY queue_key IS NULL, queue_key, created_at, id ${filter.limit !== undefined ? 'LIMIT ?' : ''}`;
    if (filter.limit !== undefined) args.push(filter.limit);
    return (db.prepare(sql).all(...args) as Row[]).map((row) => parse(row) as SessionRecord);
  }

  const tx: StoreTx = {
    lock: async () => {},
    getSession: async (id) => parse(q.get.get(id)),
    insertSession: async (s) => q.insert.run(params(s)).changes === 1,
    updateSession: async (s) => {
      q.update.run(params(s));
    },
    deleteSession: async (id) => {
      q.delete.run(id);
    },
    countOpenSessions: async (channelId) => q.countOpen.get(channelId)?.n ?? 0,
    querySessions: async (filter) => query(filter),
    dueSessions: async (now, limit) => q.due.all(now, limit).map((row) => parse(row) as SessionRecord),
    nextTimerAt: async () => q.nextTimer.get()?.at ?? undefined,
    getState: async <T>(key: string) => {
      const row = q.getState.get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    putState: async (key, value) => {
      if (value === undefined) q.deleteState.run(key);
      else q.putState.run(key, JSON.stringify(value));
    },
    listState: async <T>(prefix: string) =>
      q.listState
        .all(prefix, `${prefix}\uffff`)
        .map((row) => ({ key: row.key, value: JSON.parse(row.value) as T })),
    appendEvent: async (input: DomainEventInput) => {
      const seq = q.appendEvent.get(JSON.stringify(input))?.seq as number;
      return { ...input, seq };
    },
  };

  let closed = false;
  /** Transactions waiting for the next batch. */
  let pending: Array<{
    work: (tx: StoreTx) => Promise<unknown>;
    ok: (v: unknown) => void;
    fail: (e: unknown) => void;
  }> = [];
  let draining: Promise<void> | undefined;
  let running = false;
  const sqliteError = (error: unknown) =>
    (error as { code?: string }).code?.startsWith?.('SQLITE_')
      ? new MccError('STORE_UNAVAILABLE', `SQLite: ${(error as Error).message}`, { cause: error })
      : error;

  /**
   * Group commit: the transactions that queued up while the previous batch was being written run
   * one after another inside one SQLite transaction, each in its own savepoint (so each still
   * commits or rolls back on its own), and are answered only after the batch's single COMMIT —
   * one fsync for many transactions, and nothing answered before it is on disk.
   */
  async function drain(): Promise<void> {
    // `running` turns false in the same synchronous step as the last check of `pending` (no
    // await in between), so a transaction queued by code resuming after an answer always finds
    // a drain to run it.
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
          q.begin.run();
        } catch (error) {
          for (const t of batch) t.fail(sqliteError(error));
          continue;
        }
        for (const t of batch) {
          q.savepoint.run();
          try {
            const value = await t.work(tx);
            q.release.run();
            outcomes.push({ ok: true, value });
          } catch (error) {
            q.rollbackTo.run();
            q.release.run();
            outcomes.push({ ok: false, error: sqliteError(error) });
          }
        }
        try {
          q.commit.run();
        } catch (error) {
          if (db.inTransaction) q.rollback.run();
          for (const t of batch) t.fail(sqliteError(error));
          continue;
        }
        batch.forEach((t, i) => {
          const outcome = outcomes[i] as (typeof outcomes)[number];
          if (outcome.ok) t.ok(outcome.value);
          else t.fail(outcome.error);
        });
      }
    } finally {
      running = false;
    }
  }

  return {
    kind: 'sqlite',
    path,
    transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new MccError('STORE_CLOSED', 'the SQLite store is closed'));
      return new Promise<T>((ok, fail) => {
        pending.push({ work, ok: ok as (v: unknown) => void, fail });
        if (!running) {
          running = true;
          draining = drain();
        }
      });
    },
    readEvents(afterSeq, limit) {
      // Through the queue: on the one connection, a read beside an open transaction would see its writes.
      return this.transaction(async () =>
        q.readEvents
          .all(afterSeq, limit)
          .map((row) => ({ ...(JSON.parse(row.event) as DomainEventInput), seq: row.seq }) as DomainEvent),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await draining;
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    }).immediate();
  }
}
