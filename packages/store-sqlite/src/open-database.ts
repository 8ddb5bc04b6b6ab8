import fs from 'node:fs';
import { MccError } from '@mcc/core';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

/**
 * Opens (creating it if need be) the database file, held exclusively by this process, in WAL
 * mode with `synchronous=NORMAL` (the store syncs the WAL itself), and migrates it.
 *
 * Throws `STORE_LOCKED` when another process holds the file, `STORE_OPEN_FAILED` otherwise.
 */
export function openDatabase(directory: string, path: string, lockTimeoutMs: number): Database.Database {
  let db: Database.Database;
  try {
    fs.mkdirSync(directory, { recursive: true });
    db = new Database(path, { timeout: lockTimeoutMs });
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
    // batch on libuv's thread pool (wal-sync.ts), so the event loop never blocks on the disk.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
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
}
