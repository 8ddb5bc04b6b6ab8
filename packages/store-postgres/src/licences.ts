import type { QueryResult, QueryResultRow } from 'pg';

/** Runs one statement of the current transaction (errors already mapped to `MccError`). */
type Run = <R extends QueryResultRow = QueryResultRow>(
  sql: string,
  params?: unknown[],
) => Promise<QueryResult<R>>;

/**
 * Rounds of {@link claimLicence} before it gives up. A round is lost only when another start took
 * the slot it was about to create; each lost round therefore means another start got a licence.
 */
const MAX_ROUNDS = 50;

/**
 * Licences as rows: `mcc_licences` holds one row per slot of a channel (`slot` 0, 1, … grown on
 * demand up to the licence count), with the session holding it or NULL. A start claims a free
 * slot with `FOR UPDATE SKIP LOCKED`, so concurrent starts take different slots instead of
 * waiting for each other; the slot's row lock is the only lock held until commit. Closing or
 * deleting the session frees its slot in the same statement.
 */
export function licenceStatements(licences: string) {
  // `held`: the slot the session already has. The engine sends the claim together with the
  // session's insert; when the id was taken by an open session (the start fails as a duplicate)
  // the claim must neither take a second slot nor trip the unique index on session_id.
  const claim = (wait: boolean) => `
    held AS (SELECT slot FROM ${licences} WHERE session_id = $3),
    free AS (
      SELECT slot FROM ${licences} WHERE channel_id = $1 AND slot < $2 AND session_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM held)
      ORDER BY slot LIMIT 1 FOR UPDATE${wait ? '' : ' SKIP LOCKED'}),
    claimed AS (
      UPDATE ${licences} l SET session_id = $3 FROM free
      WHERE l.channel_id = $1 AND l.slot = free.slot RETURNING l.slot)`;
  /**
   * Slot numbers below the licence count that no committed row has, lowest first, from `from`:
   * every number (0, filling a gap a rolled-back creator left), or just past the highest slot —
   * one index probe, so that a start on a channel with many open sessions does not scan them all.
   */
  const pastHighest = `(SELECT coalesce(max(slot), -1) + 1 FROM ${licences} WHERE channel_id = $1)`;
  const missing = (
    from: string,
  ) => `SELECT g FROM generate_series(${from}, least($2, ${pastHighest} + 64) - 1) g
    WHERE NOT EXISTS (SELECT 1 FROM ${licences} WHERE channel_id = $1 AND slot = g)`;
  return {
    /**
     * One round trip, waiting for nobody: a free slot nobody is claiming, else a new slot that no
     * other start is creating (each creator holds a try-lock on its slot number until commit).
     */
    claimOrGrow: `WITH ${claim(false)},
      grown AS (
        INSERT INTO ${licences} (channel_id, slot, session_id)
        SELECT $1, g, $3 FROM (${missing(pastHighest)}
          AND NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM held)
          AND pg_try_advisory_xact_lock(hashtext($4), g) LIMIT 1) c
        ON CONFLICT DO NOTHING RETURNING slot)
      SELECT slot FROM held UNION ALL SELECT slot FROM claimed UNION ALL SELECT slot FROM grown`,
    /**
     * Every free slot is being claimed: wait for those claims to end (one that rolls back frees
     * its slot), and report whether the channel has every slot it may have (`full`) — counted only
     * once the highest slot is the last one, so that a channel with many open sessions is not
     * walked while it can still grow.
     */
    claimWaiting: `WITH ${claim(true)}
      SELECT coalesce((SELECT slot FROM held), (SELECT slot FROM claimed)) AS slot,
        CASE WHEN ${pastHighest} < $2 THEN false
          ELSE (SELECT count(*) FROM ${licences} WHERE channel_id = $1 AND slot < $2) >= $2 END AS full`,
    /**
     * No free slot, none past the highest to create at once: the slot past the highest, or once
     * that is the last one the lowest gap (a rolled-back creator's), waiting for its creator if
     * another start is creating it.
     */
    growWaiting: `INSERT INTO ${licences} (channel_id, slot, session_id)
      SELECT $1, g, $3 FROM (${missing(`CASE WHEN ${pastHighest} < $2 THEN ${pastHighest} ELSE 0 END`)} LIMIT 1) c
      ON CONFLICT DO NOTHING RETURNING slot`,
    /** Frees the slot of a session (a no-op for one that holds none). Parameter: the session id. */
    free: `UPDATE ${licences} SET session_id = NULL WHERE session_id = $1`,
  };
}

/** What {@link licenceStatements} returns. */
export type LicenceStatements = ReturnType<typeof licenceStatements>;

/**
 * The try-lock a start holds on a slot number it is creating (`claimOrGrow`'s `$4`): per schema
 * and channel, so that stores in other schemas never collide.
 */
export function licenceLockName(schema: string, channelId: number): string {
  return `${schema}:licence:${channelId}`;
}

/** Takes one of the channel's `licences` for `sessionId`; false when all are in use. */
export async function claimLicence(
  run: Run,
  sql: LicenceStatements,
  schema: string,
  channelId: number,
  licences: number,
  sessionId: string,
): Promise<boolean> {
  if (!(licences > 0)) return false;
  const params = [channelId, licences, sessionId];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if ((await run(sql.claimOrGrow, [...params, licenceLockName(schema, channelId)])).rows.length > 0)
      return true;
    const waited = (await run<{ slot: number | null; full: boolean }>(sql.claimWaiting, params)).rows[0];
    if (waited?.slot !== null && waited?.slot !== undefined) return true;
    // Every slot there is was taken; only a channel that may still grow is worth another round.
    if (waited?.full !== false) return false;
    if ((await run(sql.growWaiting, params)).rows.length > 0) return true;
  }
  return false;
}
