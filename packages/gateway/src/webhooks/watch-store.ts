import Database from 'better-sqlite3';
import type { StreamEvent } from './webhook-event.js';

/** A session the gateway watches, as last seen. */
export interface WatchedSession {
  status: string | undefined;
  username: string | undefined;
  channelId: number;
  serviceCode: string;
}

/** What a restarted session watcher resumes from. */
export interface WatchState {
  /** The last seq of the stream. */
  seq: number;
  sessions: Array<[string, WatchedSession]>;
  /** The events kept, in order. */
  events: StreamEvent[];
}

/**
 * Where a `SessionWatcher` keeps its stream and the sessions it watches, so that after a restart
 * it goes on watching them and its seq goes on increasing (a webhook cursor never waits for a seq
 * the stream already used). One small write per change, made in
 * order; the watcher's readers see an event only once it is written.
 */
export interface WatchStore {
  load(): WatchState | Promise<WatchState>;
  /** An event and the session's state after it (undefined: no longer watched), together. */
  record(event: StreamEvent, sessionId: string, session: WatchedSession | undefined): void | Promise<void>;
  /** The session is no longer watched (unknown upstream). */
  forget(sessionId: string): void | Promise<void>;
  /** Drops the events up to `seq` (kept: the last `maxEvents`). */
  trim(seq: number): void | Promise<void>;
  close(): void | Promise<void>;
}

/** A {@link WatchStore} in memory: nothing survives a restart (the default). */
export function createMemoryWatchStore(): WatchStore {
  return {
    load: () => ({ seq: 0, sessions: [], events: [] }),
    record() {},
    forget() {},
    trim() {},
    close() {},
  };
}

/** A durable {@link WatchStore} in a SQLite file of its own (WAL). */
export function createSqliteWatchStore(file: string): WatchStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS watch_event (seq INTEGER PRIMARY KEY, event TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS watch_session (id TEXT PRIMARY KEY, session TEXT NOT NULL);
  `);
  const putEvent = db.prepare('INSERT OR REPLACE INTO watch_event (seq, event) VALUES (?, ?)');
  const putSession = db.prepare('INSERT OR REPLACE INTO watch_session (id, session) VALUES (?, ?)');
  const dropSession = db.prepare('DELETE FROM watch_session WHERE id = ?');
  const dropEvents = db.prepare('DELETE FROM watch_event WHERE seq <= ?');
  const record = db.transaction(
    (event: StreamEvent, sessionId: string, session: WatchedSession | undefined) => {
      putEvent.run(event.seq, JSON.stringify(event));
      if (session) putSession.run(sessionId, JSON.stringify(session));
      else dropSession.run(sessionId);
    },
  );
  return {
    load() {
      const events = db
        .prepare<[], { event: string }>('SELECT event FROM watch_event ORDER BY seq')
        .all()
        .map((r) => JSON.parse(r.event) as StreamEvent);
      const sessions = db
        .prepare<[], { id: string; session: string }>('SELECT id, session FROM watch_session')
        .all()
        .map((r): [string, WatchedSession] => [r.id, JSON.parse(r.session) as WatchedSession]);
      const last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM watch_event').get();
      return { seq: last?.seq ?? 0, sessions, events };
    },
    record: (event, sessionId, session) => record(event, sessionId, session),
    forget: (sessionId) => {
      dropSession.run(sessionId);
    },
    trim: (seq) => {
      dropEvents.run(seq);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
