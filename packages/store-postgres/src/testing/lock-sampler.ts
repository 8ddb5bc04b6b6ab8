import pg from 'pg';

/** What {@link sampleLocks} saw: busy backends of the nodes and those waiting on a lock. */
export interface LockSamples {
  samples: number;
  /** Mean busy backends (active or idle in transaction) of the nodes per sample. */
  busy: number;
  /** Mean busy backends waiting on a heavyweight lock (`wait_event_type = 'Lock'`) per sample. */
  lockWaits: number;
  /** Share of lock waits among busy backends, 0…1. */
  share: number;
  /** Lock waits by kind (`advisory`, `transactionid`, `tuple`…), summed over the samples. */
  byKind: Record<string, number>;
  /** Mean backends of the nodes "idle in transaction" (waiting for the node's next statement). */
  idleInTransaction: number;
}

/**
 * Samples `pg_stat_activity` every `everyMs` until `signal` aborts, counting the busy backends of
 * the stores (`application_name`, default `mcc`) and how many of them wait on a lock — the
 * figure that shows whether nodes serialise on the database. For benches and tests.
 */
export async function sampleLocks(
  url: string,
  everyMs: number,
  signal: AbortSignal,
  applicationName = 'mcc',
  /** Names given to `StoreTx.lock`, to name advisory waits by. */
  lockNames: readonly string[] = [
    'routing',
    ...['alice', 'bob', 'carol', 'dave'].map((u) => `agent:${u}`),
    ...['SUPPORT', 'SALES', 'BILLING'].map((c) => `service:${c}`),
    // Names of earlier designs, so that a run of an older build names its waits too.
    'clock',
    'channel:1003',
  ],
): Promise<LockSamples> {
  const client = new pg.Client({ connectionString: url, application_name: 'mcc-bench-sampler' });
  await client.connect();
  let samples = 0;
  let busy = 0;
  let waits = 0;
  let idleInTx = 0;
  const byKind = new Map<string, number>();
  try {
    while (!signal.aborted) {
      // An advisory wait is named by its lock (`lock(name)` keys are hashtext(schema), hashtext(name)).
      const { rows } = await client.query<{
        state: string;
        wait_event_type: string | null;
        wait_event: string | null;
        lock_name: string | null;
      }>(
        `SELECT a.state, a.wait_event_type, a.wait_event,
           (SELECT n FROM unnest($2::text[]) n, pg_locks l
            WHERE l.pid = a.pid AND NOT l.granted AND l.locktype = 'advisory'
              AND l.objid = (hashtext(n)::bigint & 4294967295)::text::oid LIMIT 1) AS lock_name
         FROM pg_stat_activity a
         WHERE a.application_name = $1 AND a.state IN ('active', 'idle in transaction')`,
        [applicationName, lockNames],
      );
      samples++;
      busy += rows.length;
      for (const row of rows) {
        if (row.state === 'idle in transaction') idleInTx++;
        if (row.wait_event_type !== 'Lock') continue;
        waits++;
        const kind = row.lock_name ? `${row.wait_event}:${row.lock_name}` : (row.wait_event ?? '?');
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  } finally {
    await client.end();
  }
  return {
    samples,
    busy: samples ? busy / samples : 0,
    lockWaits: samples ? waits / samples : 0,
    share: busy ? waits / busy : 0,
    byKind: Object.fromEntries(byKind),
    idleInTransaction: samples ? idleInTx / samples : 0,
  };
}
