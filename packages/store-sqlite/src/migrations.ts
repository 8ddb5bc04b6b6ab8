/**
 * Versioned schema migrations, applied in order at open. Each runs once, in its own transaction,
 * and is recorded in `schema_migrations`. Never edit a released migration: add a new one.
 */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'sessions, state and events',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        channel_id INTEGER NOT NULL,
        service_code TEXT NOT NULL,
        status TEXT NOT NULL,
        username TEXT,
        queue_key REAL,
        created_at INTEGER NOT NULL,
        timer_at INTEGER,
        record TEXT NOT NULL
      );
      CREATE INDEX sessions_queue ON sessions (status, service_code, queue_key);
      CREATE INDEX sessions_agent ON sessions (username) WHERE username IS NOT NULL;
      CREATE INDEX sessions_timer ON sessions (timer_at) WHERE timer_at IS NOT NULL;
      CREATE INDEX sessions_open ON sessions (channel_id) WHERE status <> 'CLOSED';
      CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE events (seq INTEGER PRIMARY KEY, event TEXT NOT NULL);
    `,
  },
];
