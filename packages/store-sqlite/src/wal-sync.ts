import fs from 'node:fs';
import { MccError } from '@mcc/core';

/** Durability of commits made with `synchronous=NORMAL`: the WAL fsynced off the event loop. */
export interface WalSync {
  /**
   * Resolves once every commit so far is on disk (`wrote`: the batch just committed wrote
   * something). A batch that only read waits only if it may have read a commit not yet synced.
   */
  afterCommit(wrote: boolean): Promise<void>;
  /** Waits for the fsync in flight, then lets the file go. */
  close(): Promise<void>;
}

/** Options of {@link createWalSync}. */
export interface WalSyncOptions {
  /** The WAL file (`<database>-wal`). */
  walPath: string;
  /** False (`synchronous: 'normal'`): nothing is synced and nothing waits. */
  enabled: boolean;
  /** Opens the file for syncing. Default `fs.openSync(path, 'r')`. */
  open?: (path: string) => number;
  /**
   * Flushes the file to disk, on libuv's thread pool. Default `fs.fdatasync`: the WAL's data and
   * what is needed to read it back (its size), not its timestamps — what SQLite itself uses for
   * the WAL on Linux.
   */
  fsync?: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;
  /** Lets the file go. Default `fs.closeSync`. */
  closeFile?: (fd: number) => void;
}

/**
 * Coalesced fsync of the WAL file: at most one fsync in flight; commits made meanwhile are
 * covered by the next one. After a failed fsync every later commit fails with `STORE_UNAVAILABLE`.
 */
export function createWalSync(options: WalSyncOptions): WalSync {
  if (!options.enabled) return { afterCommit: async () => {}, close: async () => {} };
  const { walPath, fsync = fs.fdatasync, closeFile = fs.closeSync } = options;
  const fd = (options.open ?? ((path: string) => fs.openSync(path, 'r')))(walPath);
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
      fsync(fd, (error) => {
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
      closeFile(fd);
    },
  };
}
