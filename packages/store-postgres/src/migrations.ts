import { applyFunctionSql } from './apply-function.js';

/** One versioned change of the store's tables. */
export interface Migration {
  /** Applied in ascending order; recorded in `mcc_schema_migrations`. */
  readonly version: number;
  readonly name: string;
  /** Statements, run with `search_path` set to the store's schema (so names stay unqualified). */
  readonly sql: string;
}

/**
 * The store's schema migrations, in order. Each runs once per schema, inside the open-time
 * transaction that holds the migration lock, and is recorded in `mcc_schema_migrations`. Never edit
 * a released migration: append a new one.
 *
 * Sessions are kept whole as JSON text in `record` (so every field round-trips exactly, absent
 * fields stay absent) beside the indexed columns the queries filter and sort on. Ids and state
 * keys use the `C` collation so that order and prefix matches are byte-wise on every database.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, state and events',
    sql: `
      CREATE TABLE mcc_sessions (
        id text COLLATE "C" PRIMARY KEY,
        channel_id integer NOT NULL,
        service_code text COLLATE "C" NOT NULL,
        status text NOT NULL,
        username text COLLATE "C",
        queue_key double precision,
        created_at double precision NOT NULL,
        timer_at double precision,
        record json NOT NULL
      );
      CREATE INDEX mcc_sessions_open ON mcc_sessions (channel_id) WHERE status <> 'CLOSED';
      CREATE INDEX mcc_sessions_queue ON mcc_sessions (status, service_code, queue_key, created_at, id);
      CREATE INDEX mcc_sessions_agent ON mcc_sessions (username, channel_id) WHERE username IS NOT NULL;
      CREATE INDEX mcc_sessions_timer ON mcc_sessions (timer_at) WHERE timer_at IS NOT NULL;

      CREATE TABLE mcc_state (
        key text COLLATE "C" PRIMARY KEY,
        value json NOT NULL
      );

      CREATE TABLE mcc_events (
        seq bigint PRIMARY KEY,
        event json NOT NULL
      );
      -- One row: the last event number. Updated inside each appending transaction, so numbers
      -- are gap-free (a rollback undoes the increment) and commit in order (the row stays locked
      -- until commit).
      CREATE TABLE mcc_event_counter (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL
      );
      INSERT INTO mcc_event_counter (id, seq) VALUES (true, 0);
    `,
  },
  {
    version: 2,
    name: 'events numbered from the transaction id, without the counter row',
    // From now on an event's number is xid × 4096 + n (event-log.ts): the counter row every
    // appending transaction had to lock goes. Numbers already given stay below the new ones.
    sql: `
      DO $$
      BEGIN
        IF (SELECT coalesce(max(seq), 0) FROM mcc_events) >= pg_current_xact_id()::text::bigint * 4096 THEN
          RAISE EXCEPTION 'mcc_events holds numbers above the new numbering';
        END IF;
      END $$;
      DROP TABLE mcc_event_counter;
    `,
  },
  {
    version: 3,
    name: 'licence slots',
    // One row per licence slot of a channel, claimed by a start with FOR UPDATE SKIP LOCKED
    // (licences.ts), so that starts on one channel no longer serialise on a channel lock. The
    // sessions open now take the first slots of their channel.
    sql: `
      CREATE TABLE mcc_licences (
        channel_id integer NOT NULL,
        slot integer NOT NULL,
        session_id text COLLATE "C",
        PRIMARY KEY (channel_id, slot)
      );
      CREATE UNIQUE INDEX mcc_licences_session ON mcc_licences (session_id) WHERE session_id IS NOT NULL;
      INSERT INTO mcc_licences (channel_id, slot, session_id)
        SELECT channel_id, (row_number() OVER (PARTITION BY channel_id ORDER BY created_at, id) - 1)::integer, id
        FROM mcc_sessions WHERE status <> 'CLOSED';
    `,
  },
  {
    version: 4,
    name: 'free licence slots indexed',
    // A claim looks for the lowest free slot: without this index it walks every slot the
    // channel's open sessions hold (a start on a channel with 10 000 open sessions read them all).
    sql: `
      CREATE INDEX mcc_licences_free ON mcc_licences (channel_id, slot) WHERE session_id IS NULL;
    `,
  },
  {
    version: 5,
    name: 'speculative transactions: mcc_apply',
    // One autocommit statement per transaction whose reads a node could predict (speculative-tx.ts,
    // apply-function.ts). The text is generated from this version's statements: never edit it
    // after release; replace the function in a new migration.
    sql: applyFunctionSql(),
  },
];
