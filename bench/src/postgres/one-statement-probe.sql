-- The functions of one-statement-probe.ts (a probe, not the store's schema): the store's start and
-- close statements as one PL/pgSQL function each (mcc_fn_start, mcc_fn_close), and a generic
-- executor of a transaction's store calls sent as one jsonb array of steps (mcc_apply), whose
-- reads are expectations that raise MCC01 when they do not hold.
CREATE OR REPLACE FUNCTION mcc_fn_start(p_id text, p_channel integer, p_service text, p_status text,
  p_username text, p_queue double precision, p_created double precision, p_timer double precision,
  p_record json, p_licences integer, p_event json) RETURNS integer LANGUAGE plpgsql AS $f$
DECLARE s integer;
BEGIN
  IF EXISTS (SELECT 1 FROM mcc_state WHERE key = 'channel:' || p_channel)
     OR EXISTS (SELECT 1 FROM mcc_state WHERE key = 'service:' || p_service) THEN RETURN -2; END IF;
  INSERT INTO mcc_sessions (id, channel_id, service_code, status, username, queue_key, created_at, timer_at, record) VALUES (p_id, p_channel, p_service, p_status, p_username,
    p_queue, p_created, p_timer, p_record) ON CONFLICT (id) DO NOTHING;
  IF NOT FOUND THEN RETURN -3; END IF;
  WITH free AS (SELECT slot FROM mcc_licences WHERE channel_id = p_channel AND slot < p_licences
      AND session_id IS NULL ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
    UPDATE mcc_licences l SET session_id = p_id FROM free
    WHERE l.channel_id = p_channel AND l.slot = free.slot RETURNING l.slot INTO s;
  IF s IS NULL THEN
    INSERT INTO mcc_licences (channel_id, slot, session_id)
      SELECT p_channel, coalesce(max(slot), -1) + 1, p_id FROM mcc_licences WHERE channel_id = p_channel
      ON CONFLICT DO NOTHING RETURNING slot INTO s;
  END IF;
  INSERT INTO mcc_events (seq, event) VALUES (pg_current_xact_id()::text::bigint * 4096, p_event);
  RETURN s;
END $f$;
CREATE OR REPLACE FUNCTION mcc_fn_close(p_id text, p_status text, p_username text,
  p_queue double precision, p_timer double precision, p_record json, p_event json)
  RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM 1 FROM mcc_sessions WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN RETURN false; END IF;
  UPDATE mcc_licences SET session_id = NULL WHERE session_id = p_id;
  UPDATE mcc_sessions SET status = p_status, username = p_username, queue_key = p_queue,
    timer_at = p_timer, record = p_record WHERE id = p_id;
  INSERT INTO mcc_events (seq, event) VALUES (pg_current_xact_id()::text::bigint * 4096, p_event);
  RETURN true;
END $f$;

CREATE OR REPLACE FUNCTION mcc_apply(p_steps jsonb) RETURNS bigint LANGUAGE plpgsql
SET search_path FROM CURRENT AS $f$
DECLARE
  s jsonb;
  a2 text;
  a3 text;
  a4 text;
  k text;
  t text;
  n integer;
  xid bigint := pg_current_xact_id()::text::bigint;
BEGIN
  FOR s IN SELECT value FROM jsonb_array_elements(p_steps) LOOP
    k := s->>1;
    a2 := s->>2;
    a3 := s->>3;
    a4 := s->>4;
    CASE s->>0
    WHEN 's' THEN
      t := a2;
      IF t IS NULL THEN
        IF EXISTS (SELECT 1 FROM mcc_state WHERE key = k) THEN
          RAISE EXCEPTION 'state % changed', k USING ERRCODE = 'MCC01';
        END IF;
      ELSIF NOT EXISTS (SELECT 1 FROM mcc_state WHERE key = k AND value::jsonb = t::jsonb) THEN
        RAISE EXCEPTION 'state % changed', k USING ERRCODE = 'MCC01';
      END IF;
    WHEN 'r' THEN
      SELECT record::text INTO t FROM mcc_sessions WHERE id = k FOR UPDATE;
      IF t IS DISTINCT FROM a2 THEN
        RAISE EXCEPTION 'session % changed', k USING ERRCODE = 'MCC01';
      END IF;
    WHEN 'i' THEN
      INSERT INTO mcc_sessions (id, channel_id, service_code, status, username, queue_key, created_at, timer_at, record)
      VALUES (k, a2::integer, a3, a4, s->>5, (s->>6)::double precision, (s->>7)::double precision,
        (s->>8)::double precision, (s->>9)::json)
      ON CONFLICT (id) DO NOTHING;
      IF NOT FOUND THEN RAISE EXCEPTION 'session % exists', k USING ERRCODE = 'MCC01'; END IF;
    WHEN 'l' THEN
      n := NULL;
      WITH held AS (SELECT slot FROM mcc_licences WHERE session_id = a3),
      free AS (
        SELECT slot FROM mcc_licences WHERE channel_id = k::integer AND slot < a2::integer
          AND session_id IS NULL AND NOT EXISTS (SELECT 1 FROM held)
        ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED),
      claimed AS (
        UPDATE mcc_licences l SET session_id = a3 FROM free
        WHERE l.channel_id = k::integer AND l.slot = free.slot RETURNING l.slot),
      grown AS (
        INSERT INTO mcc_licences (channel_id, slot, session_id)
        SELECT k::integer, g, a3 FROM (SELECT g FROM generate_series(
            (SELECT coalesce(max(slot), -1) + 1 FROM mcc_licences WHERE channel_id = k::integer),
            least(a2::integer, (SELECT coalesce(max(slot), -1) + 1 FROM mcc_licences WHERE channel_id = k::integer) + 64) - 1) g
          WHERE NOT EXISTS (SELECT 1 FROM mcc_licences WHERE channel_id = k::integer AND slot = g)
          AND NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM held)
          AND pg_try_advisory_xact_lock(hashtext(a4), g) LIMIT 1) c
        ON CONFLICT DO NOTHING RETURNING slot)
      SELECT slot INTO n FROM (SELECT slot FROM held UNION ALL SELECT slot FROM claimed UNION ALL SELECT slot FROM grown) a LIMIT 1;
      IF n IS NULL THEN RAISE EXCEPTION 'no licence at once on channel %', a2 USING ERRCODE = 'MCC01'; END IF;
    WHEN 'u', 'c' THEN
      IF s->>0 = 'c' THEN UPDATE mcc_licences SET session_id = NULL WHERE session_id = k; END IF;
      UPDATE mcc_sessions SET channel_id = a2::integer, service_code = a3, status = a4, username = s->>5,
        queue_key = (s->>6)::double precision, created_at = (s->>7)::double precision,
        timer_at = (s->>8)::double precision, record = (s->>9)::json
      WHERE id = k;
    WHEN 'd' THEN
      UPDATE mcc_licences SET session_id = NULL WHERE session_id = k;
      DELETE FROM mcc_sessions WHERE id = k;
    WHEN 'p' THEN
      IF a2 IS NULL THEN DELETE FROM mcc_state WHERE key = k;
      ELSE INSERT INTO mcc_state (key, value) VALUES (k, a2::json)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
      END IF;
    WHEN 'e' THEN
      INSERT INTO mcc_events (seq, event) VALUES (xid * 4096 + k::bigint, a2::json);
    WHEN 'x' THEN
      DELETE FROM mcc_events WHERE seq <= (SELECT seq FROM mcc_events ORDER BY seq DESC OFFSET k::bigint LIMIT 1);
    END CASE;
  END LOOP;
  RETURN xid;
END $f$;
