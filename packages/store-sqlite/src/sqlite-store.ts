import { join, resolve } from 'node:path';
import { MccError } from '@mcc/core';
import type { DomainEvent, DomainEventInput, SessionRecord, SessionStore, StoreTx } from '@mcc/engine';
import { createGroupCommit } from './group-commit.js';
import { openDatabase } from './open-database.js';
import { ReadCache } from './read-cache.js';
import { createSqliteTx, type WriteTracker } from './sqlite-tx.js';
import { prepareStatements } from './statements.js';
import { createWalSync } from './wal-sync.js';

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
  /**
   * Most session records kept in memory for reads (read-cache.ts; the state values get as many
   * keys). Default 4096; 0 reads every record from the file.
   */
  cacheSize?: number;
}

/** Driver errors become `STORE_UNAVAILABLE`; anything else (the work's own errors) passes through. */
function sqliteError(error: unknown): unknown {
  return (error as { code?: string }).code?.startsWith?.('SQLITE_')
    ? new MccError('STORE_UNAVAILABLE', `SQLite: ${(error as Error).message}`, { cause: error })
    : error;
}

/**
 * The embedded durable store: SQLite through better-sqlite3, WAL journal, versioned migrations
 * at open, the file held exclusively by this process (a second process gets `STORE_LOCKED`).
 * Transactions run one at a time, in batches (group-commit.ts) answered after the WAL fsync
 * covering them (wal-sync.ts), which keeps every invariant of semantics.md §6 within the one
 * process that may use the file.
 */
export function createSqliteStore(options: SqliteStoreOptions): SessionStore & { readonly path: string } {
  const directory = resolve(options.directory);
  const path = join(directory, options.fileName ?? 'mcc.sqlite');
  const db = openDatabase(directory, path, options.lockTimeoutMs ?? 2000);
  const q = prepareStatements(db);
  const control = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    savepoint: db.prepare('SAVEPOINT tx'),
    release: db.prepare('RELEASE tx'),
    rollbackTo: db.prepare('ROLLBACK TO tx'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
  };
  const writes: WriteTracker = { wrote: false };
  const cacheSize = options.cacheSize ?? 4096;
  const caches = {
    sessions: new ReadCache<SessionRecord>(cacheSize),
    state: new ReadCache<string>(cacheSize),
  };
  // Every rollback drops the caches: they may hold what the rolled-back work wrote or read.
  const forgetAll = () => {
    caches.sessions.clear();
    caches.state.clear();
  };
  const durability = createWalSync({ walPath: `${path}-wal`, enabled: options.synchronous !== 'normal' });
  const batches = createGroupCommit<StoreTx>({
    connection: {
      begin: () => control.begin.run(),
      savepoint: () => control.savepoint.run(),
      release: () => control.release.run(),
      rollbackTo: () => {
        forgetAll();
        control.rollbackTo.run();
      },
      commit: () => {
        try {
          control.commit.run();
        } catch (error) {
          forgetAll();
          throw error;
        }
      },
      rollback: () => {
        forgetAll();
        control.rollback.run();
      },
      inTransaction: () => db.inTransaction,
    },
    tx: createSqliteTx(q, writes, caches),
    writes,
    afterCommit: (wrote) => durability.afterCommit(wrote),
    maxBatch: options.maxBatch ?? 256,
    mapError: sqliteError,
  });

  let closed = false;
  function enqueue<T>(work: (tx: StoreTx) => Promise<T>, readOnly: boolean): Promise<T> {
    if (closed) return Promise.reject(new MccError('STORE_CLOSED', 'the SQLite store is closed'));
    return batches.run(work, readOnly);
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
      await batches.drained();
      await durability.close();
      db.close();
    },
  };
}
