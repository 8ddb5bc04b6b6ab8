import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { MccError } from '@mcc/core';
import type {
  DomainEvent,
  DomainEventInput,
  SessionQuery,
  SessionRecord,
  SessionStore,
  StoreTx,
} from '@mcc/engine';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Data directory (created if missing). The database is `<directory>/mcc.sqlite`. */
  directory: string;
  /** File name inside the directory. Default `mcc.sqlite`. */
  fileName?: string;
  /**
   * `full` (default): a transaction resolves only once its commit is fsynced, so an answered
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
    fs.mkdirSync(directory, { recursive: true });
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
    // SQLite itself syncs only around checkpoints; for `full`, the store fsyncs the WAL after each
    // batch on libuv's thread pool (below), so the event loop never blocks on the disk.
    db.pragma('synchronous = NORMAL');
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
    // The WHERE lets SQLite answer from the partial index sessions_timer (O(log n)); without it,
    // min() scanned the whole table on every timer wake (found by the soak run).
    nextTimer: db.prepare<[], { at: number | null }>(
      'SELECT min(timer_at) AS at FROM sessions WHERE timer_at IS NOT NULL',
    ),
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

  /** Prepared session queries by SQL text (a handful of shapes: the engine's filters). */
  const queries = new Map<string, Database.Statement>();
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
    let statement = queries.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      queries.set(sql, statement);
    }
    return (statement.all(...args) as Row[]).map((row) => parse(row) as SessionRecord);
  }

  /** Whether the batch being run has written anything. */
  let wrote = false;
  const tx: StoreTx = {
    lock: async () => {},
    getSession: async (id) => parse(q.get.get(id)),
    insertSession: async (s) => {
      wrote = true;
      return q.insert.run(params(s)).changes === 1;
    },
    updateSession: async (s) => {
      wrote = true;
      q.update.run(params(s));
    },
    deleteSession: async (id) => {
      wrote = true;
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
      wrote = true;
      if (value === undefined) q.deleteState.run(key);
      else q.putState.run(key, JSON.stringify(value));
    },
    listState: async <T>(prefix: string) =>
      q.listState
        .all(prefix, `${prefix}\uffff`)
        .map((row) => ({ key: row.key, value: JSON.parse(row.value) as T })),
    appendEvent: async (input: DomainEventInput) => {
      wrote = true;
      const seq = q.appendEvent.get(JSON.stringify(input))?.seq as number;
      return { ...input, seq };
    },
  };

  let closed = false;
  /** Transactions waiting for the next batch. */
  let pending: Array<{
    work: (tx: StoreTx) => Promise<unknown>;
    /** From `read()`: the work only reads. */
    readOnly: boolean;
    ok: (v: unknown) => void;
    fail: (e: unknown) => void;
  }> = [];
  let draining: Promise<void> | undefined;
  let running = false;
  const sqliteError = (error: unknown) =>
    (error as { code?: string }).code?.startsWith?.('SQLITE_')
      ? new MccError('STORE_UNAVAILABLE', `SQLite: ${(error as Error).message}`, { cause: error })
      : error;
  const durability = createWalSync(`${path}-wal`, options.synchronous !== 'normal');

  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

  /** Answers a batch once everything it wrote, or may have read, is on disk. */
  function answerWhenDurable(batch: typeof pending, outcomes: Outcome[], wroteSomething: boolean): void {
    durability.afterCommit(wroteSomething).then(
      () =>
        batch.forEach((t, i) => {
          const outcome = outcomes[i] as Outcome;
          if (outcome.ok) t.ok(outcome.value);
          else t.fail(outcome.error);
        }),
      (error: unknown) => {
        for (const t of batch) t.fail(error);
      },
    );
  }

  /**
   * Group commit: the transactions that queued up while the previous batch ran execute one after
   * another inside one SQLite transaction, each in its own savepoint (so each still commits or
   * rolls back on its own). After the batch's COMMIT the next batch starts at once, while the WAL
   * is fsynced off the event loop; a batch is answered when an fsync covering its commit (and any
   * earlier commit it may have read) has returned — nothing is answered before it is on disk.
   */
  async function drain(): Promise<void> {
    // `running` turns false in the same synchronous step as the last check of `pending` (no
    // await in between), so a transaction queued by code resuming after an answer always finds
    // a drain to run it.
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        const outcomes: Outcome[] = [];
        if (batch.every((t) => t.readOnly)) {
          // Reads alone need no transaction: nothing writes in between (one connection, one
          // queue), so each statement on its own sees the same committed state.
          for (const t of batch) {
            try {
              outcomes.push({ ok: true, value: await t.work(tx) });
            } catch (error) {
              outcomes.push({ ok: false, error: sqliteError(error) });
            }
          }
          answerWhenDurable(batch, outcomes, false);
          continue;
        }
        try {
          q.begin.run();
        } catch (error) {
          for (const t of batch) t.fail(sqliteError(error));
          continue;
        }
        // A batch of one needs no savepoint: rolling back the transaction is the same.
        const single = batch.length === 1;
        wrote = false;
        for (const t of batch) {
          if (!single) q.savepoint.run();
          try {
            const value = await t.work(tx);
            if (!single) q.release.run();
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (!single) {
              q.rollbackTo.run();
              q.release.run();
            }
            outcomes.push({ ok: false, error: sqliteError(error) });
          }
        }
        const rolledBack = single && !outcomes[0]?.ok;
        try {
          if (rolledBack) q.rollback.run();
          else q.commit.run();
        } catch (error) {
          if (db.inTransaction) q.rollback.run();
          for (const t of batch) t.fail(sqliteError(error));
          continue;
        }
        answerWhenDurable(batch, outcomes, wrote && !rolledBack);
      }
    } finally {
      running = false;
    }
  }

  function enqueue<T>(work: (tx: StoreTx) => Promise<T>, readOnly: boolean): Promise<T> {
    if (closed) return Promise.reject(new MccError('STORE_CLOSED', 'the SQLite store is closed'));
    return new Promise<T>((ok, fail) => {
      pending.push({ work, readOnly, ok: ok as (v: unknown) => void, fail });
      if (!running) {
        running = true;
        draining = drain();
      }
    });
  }

  return {
    kind: 'sqlite',
    path,
    transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      return enqueue(work, false);
    },
    read(work) {
      // One connection: reads go through the queue too (they would see a batch's uncommitted
      // writes otherwise); a batch of reads alone runs without BEGIN/COMMIT, and a read that saw
      // a commit not yet fsynced waits for it.
      return enqueue(work, true);
    },
    readEvents(afterSeq, limit) {
      // Through the queue: on the one connection, a read beside an open transaction would see its writes.
      return enqueue(
        async () =>
          q.readEvents
            .all(afterSeq, limit)
            .map((row) => ({ ...(JSON.parse(row.event) as DomainEventInput), seq: row.seq }) as DomainEvent),
        true,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await draining;
      await durability.close();
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

/** Durability of commits made with `synchronous=NORMAL`: the WAL fsynced off the event loop. */
interface WalSync {
  /**
   * Resolves once every commit so far is on disk (`wrote`: the batch just committed wrote
   * something). A batch that only read waits only if it may have read a commit not yet synced.
   */
  afterCommit(wrote: boolean): Promise<void>;
  /** Waits for the fsync in flight, then lets the file go. */
  close(): Promise<void>;
}

/**
 * Coalesced fsync of the WAL file: at most one `fs.fsync` in flight; commits made meanwhile are
 * covered by the next one. With `enabled` false (`synchronous: 'normal'`) nothing is synced.
 */
function createWalSync(walPath: string, enabled: boolean): WalSync {
  if (!enabled) return { afterCommit: async () => {}, close: async () => {} };
  const fd = fs.openSync(walPath, 'r');
  let committed = 0;
  let synced = 0;
  let inFlight: Promise<void> | undefined;
  /**
   * Set by a failed fsync. The kernel may have dropped the unwritten pages, so a later fsync
   * succeeding proves nothing ("fsyncgate"): from then on nothing is answered as durable.
   */
  let broken: MccError | undefined;
  const waiters: Array<{ upTo: number; ok: () => void; fail: (e: unknown) => void }> = [];

  function syncNow(): void {
    if (inFlight || broken || synced >= committed) return;
    const target = committed;
    inFlight = new Promise<void>((done) => {
      fs.fsync(fd, (error) => {
        inFlight = undefined;
        if (error) {
          broken = new MccError(
            'STORE_UNAVAILABLE',
            `SQLite: fsync of ${walPath} failed (${error.message}); check the disk and restart the server`,
            { cause: error },
          );
          for (const waiter of waiters.splice(0)) waiter.fail(broken);
        } else {
          synced = target;
          for (let i = waiters.length - 1; i >= 0; i--) {
            const waiter = waiters[i] as (typeof waiters)[number];
            if (waiter.upTo > target) continue;
            waiters.splice(i, 1);
            waiter.ok();
          }
        }
        done();
        syncNow();
      });
    });
  }

  return {
    afterCommit(wrote) {
      if (broken) return Promise.reject(broken);
      if (wrote) committed++;
      if (synced >= committed) return Promise.resolve();
      const upTo = committed;
      return new Promise((ok, fail) => {
        waiters.push({ upTo, ok, fail });
        syncNow();
      });
    },
    async close() {
      while (inFlight) await inFlight;
      fs.closeSync(fd);
    },
  };
}
