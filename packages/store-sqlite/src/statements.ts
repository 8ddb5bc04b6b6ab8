import { SESSION_COLUMNS, type SessionQuery, sessionQuerySql } from '@mcc/engine';
import type Database from 'better-sqlite3';

/** A row holding a session's record (JSON text). */
export type RecordRow = { record: string };

const INSERT_SESSION = `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) VALUES (${SESSION_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (id) DO NOTHING`;
/** Parameters: the row without its id, then the id (see {@link sessionRow}). */
const UPDATE_SESSION = `UPDATE sessions SET ${SESSION_COLUMNS.slice(1)
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE id = ?`;

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** The prepared statements of the store (see {@link prepareStatements}). */
export interface Statements {
  get: Stmt<[string], RecordRow>;
  insert: Stmt<unknown[]>;
  update: Stmt<unknown[]>;
  delete: Stmt<[string]>;
  countOpen: Stmt<[number], { n: number }>;
  due: Stmt<[number, number], RecordRow>;
  nextTimer: Stmt<[], { at: number | null }>;
  getState: Stmt<[string], { value: string }>;
  putState: Stmt<[string, string]>;
  deleteState: Stmt<[string]>;
  listState: Stmt<[string, string], { key: string; value: string }>;
  appendEvent: Stmt<[string]>;
  readEvents: Stmt<[number, number], { seq: number; event: string }>;
  /** The rows of {@link StoreTx.querySessions}. */
  querySessions(filter: SessionQuery): RecordRow[];
}

/** The prepared statements of the store, and the session queries prepared on first use. */
export function prepareStatements(db: Database.Database): Statements {
  /** Prepared session queries by SQL text (a handful of shapes: the engine's filters). */
  const queries = new Map<string, Stmt<unknown[], RecordRow>>();
  return {
    get: db.prepare<[string], RecordRow>('SELECT record FROM sessions WHERE id = ?'),
    insert: db.prepare<unknown[]>(INSERT_SESSION),
    update: db.prepare<unknown[]>(UPDATE_SESSION),
    delete: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
    countOpen: db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM sessions WHERE channel_id = ? AND status <> 'CLOSED'",
    ),
    due: db.prepare<[number, number], RecordRow>(
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
    // `seq` is the rowid: SQLite numbers a new row max(seq) + 1 (1 in an empty table), read back
    // as the insert's lastInsertRowid — no subquery, no RETURNING.
    appendEvent: db.prepare<[string]>('INSERT INTO events (event) VALUES (?)'),
    readEvents: db.prepare<[number, number], { seq: number; event: string }>(
      'SELECT seq, event FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    /** The rows of {@link StoreTx.querySessions}. */
    querySessions(filter: SessionQuery): RecordRow[] {
      const { sql, params } = sessionQuerySql('sessions', filter, () => '?');
      let statement = queries.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[], RecordRow>(sql);
        queries.set(sql, statement);
      }
      return statement.all(...params);
    },
  };
}
