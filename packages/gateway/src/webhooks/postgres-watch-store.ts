import type { PgQueryable } from './postgres-delivery-store.js';
import type { WatchedSession, WatchState, WatchStore } from './watch-store.js';
import type { StreamEvent } from './webhook-event.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS mcc_watch_event (seq bigint PRIMARY KEY, event text NOT NULL);
CREATE TABLE IF NOT EXISTS mcc_watch_session (id text PRIMARY KEY, session text NOT NULL);`;

// One statement each, so the event and the session's state change together.
const RECORD_WATCHED = `
WITH e AS (INSERT INTO mcc_watch_event (seq, event) VALUES ($1, $2) ON CONFLICT (seq) DO UPDATE SET event = excluded.event)
INSERT INTO mcc_watch_session (id, session) VALUES ($3, $4) ON CONFLICT (id) DO UPDATE SET session = excluded.session`;
const RECORD_ENDED = `
WITH e AS (INSERT INTO mcc_watch_event (seq, event) VALUES ($1, $2) ON CONFLICT (seq) DO UPDATE SET event = excluded.event)
DELETE FROM mcc_watch_session WHERE id = $3`;

/**
 * A durable {@link WatchStore} in two tables of its own (`mcc_watch_event`, `mcc_watch_session`,
 * created if missing) on a PostgreSQL database, through a `pg` `Pool` the caller passes (and
 * closes). One gateway node per database: the watcher's seq is numbered by that node.
 */
export async function createPostgresWatchStore(db: PgQueryable): Promise<WatchStore> {
  await db.query(SCHEMA);
  return {
    async load(): Promise<WatchState> {
      const events = (await db.query('SELECT event FROM mcc_watch_event ORDER BY seq')).rows.map(
        (r) => JSON.parse((r as { event: string }).event) as StreamEvent,
      );
      const sessions = (await db.query('SELECT id, session FROM mcc_watch_session')).rows.map(
        (r): [string, WatchedSession] => {
          const row = r as { id: string; session: string };
          return [row.id, JSON.parse(row.session) as WatchedSession];
        },
      );
      const last = (await db.query('SELECT max(seq) AS seq FROM mcc_watch_event')).rows[0] as {
        seq: string | null;
      };
      return { seq: last?.seq ? Number(last.seq) : 0, sessions, events };
    },
    async record(event, sessionId, session) {
      if (session)
        await db.query(RECORD_WATCHED, [
          event.seq,
          JSON.stringify(event),
          sessionId,
          JSON.stringify(session),
        ]);
      else await db.query(RECORD_ENDED, [event.seq, JSON.stringify(event), sessionId]);
    },
    async forget(sessionId) {
      await db.query('DELETE FROM mcc_watch_session WHERE id = $1', [sessionId]);
    },
    async trim(seq) {
      await db.query('DELETE FROM mcc_watch_event WHERE seq <= $1', [seq]);
    },
    async close() {},
  };
}
