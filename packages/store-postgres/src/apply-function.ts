import { SESSION_COLUMNS } from '@mcc/engine';
import { EVENTS_PER_TRANSACTION, pruneEventsSql } from './event-log.js';
import { licenceStatements } from './licences.js';

type SessionColumn = (typeof SESSION_COLUMNS)[number];

/** The SQL type of each session column (migration 1), for the values a step carries as text. */
const COLUMN_TYPES = {
  id: 'text',
  channel_id: 'integer',
  service_code: 'text',
  status: 'text',
  username: 'text',
  queue_key: 'double precision',
  created_at: 'double precision',
  timer_at: 'double precision',
  record: 'json',
} satisfies Record<SessionColumn, string>;

/**
 * The server side of speculative transactions (speculative-tx.ts): `mcc_apply(steps jsonb)` runs
 * a transaction's store calls, recorded by the node, as ONE autocommit statement and answers the
 * statement's transaction id (which numbers its events, as at BEGIN in the regular path). A
 * step is a JSON array, its first element the kind:
 *
 * | step | what it does | raises MCC01 when |
 * | --- | --- | --- |
 * | `['s', key, value \| null]` | expects a state value (JSON text, compared as jsonb) or its absence | it differs |
 * | `['r', id, record]` | locks the session's row (`FOR UPDATE`) and expects its record | it differs or is gone |
 * | `['i', …row]` | inserts the session (the 9 values of `sessionRow`) | the id is taken |
 * | `['l', channel, licences, session, lock]` | claims a licence slot (licences.ts, `claimOrGrow`) | none is free at once |
 * | `['u', …row]`, `['c', …row]` | updates the session; `c` (a close) first frees its licence | — |
 * | `['d', id]` | frees the session's licence and deletes it | — |
 * | `['p', key, value \| null]` | sets (or deletes) a state value | — |
 * | `['e', n, event]` | appends the transaction's n-th event, numbered `xid × 4096 + n` | — |
 * | `['x', keep]` | prunes all but the newest `keep` events | — |
 *
 * An expectation that fails raises SQLSTATE `MCC01`: the statement, hence everything it did,
 * rolls back, and the node runs the work again (speculative-apply.ts). A failed read expectation
 * (`s`, `r`) says in the error's DETAIL what it found, `[kind, key, text | null]` — the committed
 * value, read under the check's lock — so that the node's next prediction is right without
 * another read. Each check is made under the same lock as the read it replaces (a session's row
 * lock; state is read unlocked in both).
 *
 * The write steps are the statements of postgres-tx.ts in PL/pgSQL (whose plans the server
 * caches per connection); the licence claim is licences.ts's `claimOrGrow` itself, its
 * parameters `$1`–`$4` replaced by variables (a nested function for it cost ≈ 130 µs of
 * PostgreSQL per call more than the statement). Installed by migration 5 (migrations.ts) with the
 * text of this version: a change to these statements comes with a new migration that replaces
 * the function.
 */
export function applyFunctionSql(): string {
  const parameters = ['l_channel', 'l_licences', 'l_session', 'l_lock'];
  const claim = licenceStatements('mcc_licences').claimOrGrow.replace(
    /\$([1-4])(?!\d)/g,
    (_, i: string) => parameters[Number(i) - 1] as string,
  );
  // The row's values from the step's elements 1–9, in SESSION_COLUMNS order, with their types.
  const values = SESSION_COLUMNS.map((column, i) => `(s->>${i + 1})::${COLUMN_TYPES[column]}`);
  const columns = SESSION_COLUMNS.join(', ');
  const assignments = SESSION_COLUMNS.slice(1)
    .map((column, i) => `${column} = ${values[i + 1]}`)
    .join(', ');
  const expectationFailed = (what: string, detail = '') =>
    `RAISE EXCEPTION ${what} USING ERRCODE = 'MCC01'${detail && `, DETAIL = ${detail}`}`;
  // What a failed read expectation found, for the node to refresh its prediction (`[kind, key, text]`).
  const found = `json_build_array(s->>0, k, found_text)::text`;
  return `
    CREATE FUNCTION mcc_apply(steps jsonb) RETURNS bigint
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $apply$
    DECLARE
      s jsonb;
      k text;
      found_text text;
      xid bigint := pg_current_xact_id()::text::bigint;
      l_channel integer;
      l_licences integer;
      l_session text;
      l_lock text;
      claimed integer;
    BEGIN
      FOR s IN SELECT value FROM jsonb_array_elements(steps) LOOP
        k := s->>1;
        CASE s->>0
        WHEN 's' THEN
          SELECT value::text INTO found_text FROM mcc_state WHERE key = k;
          IF (found_text IS NULL) <> (s->>2 IS NULL) OR found_text::jsonb <> (s->>2)::jsonb THEN
            ${expectationFailed(`'state % is not as expected', k`, found)};
          END IF;
        WHEN 'r' THEN
          SELECT record::text INTO found_text FROM mcc_sessions WHERE id = k FOR UPDATE;
          IF found_text IS NULL OR found_text::jsonb <> (s->>2)::jsonb THEN
            ${expectationFailed(`'session % is not as expected', k`, found)};
          END IF;
        WHEN 'i' THEN
          INSERT INTO mcc_sessions (${columns}) VALUES (${values.join(', ')}) ON CONFLICT (id) DO NOTHING;
          IF NOT FOUND THEN ${expectationFailed(`'session % exists', k`)}; END IF;
        WHEN 'l' THEN
          l_channel := k::integer;
          l_licences := (s->>2)::integer;
          l_session := s->>3;
          l_lock := s->>4;
          claimed := NULL;
          ${claim} INTO claimed;
          IF claimed IS NULL THEN ${expectationFailed(`'no licence of channel % free at once', k`)}; END IF;
        WHEN 'u', 'c' THEN
          IF s->>0 = 'c' THEN UPDATE mcc_licences SET session_id = NULL WHERE session_id = k; END IF;
          UPDATE mcc_sessions SET ${assignments} WHERE id = k;
        WHEN 'd' THEN
          UPDATE mcc_licences SET session_id = NULL WHERE session_id = k;
          DELETE FROM mcc_sessions WHERE id = k;
        WHEN 'p' THEN
          IF s->>2 IS NULL THEN
            DELETE FROM mcc_state WHERE key = k;
          ELSE
            INSERT INTO mcc_state (key, value) VALUES (k, (s->>2)::json)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
          END IF;
        WHEN 'e' THEN
          INSERT INTO mcc_events (seq, event) VALUES (xid * ${EVENTS_PER_TRANSACTION} + k::bigint, (s->>2)::json);
        WHEN 'x' THEN
          ${pruneEventsSql('mcc_events').replace('$1', 'k::bigint')};
        END CASE;
      END LOOP;
      RETURN xid;
    END $apply$;`;
}
