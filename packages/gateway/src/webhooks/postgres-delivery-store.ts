import type { DeliveryStore, PendingDelivery } from './delivery-store.js';

/** What the PostgreSQL delivery store needs of a `pg` `Pool` (or `Client`): `query`. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Options of {@link createPostgresDeliveryStore}. */
export interface PostgresDeliveryStoreOptions {
  /** Closed by the store's `close()` (e.g. `() => pool.end()`). Default: nothing (the caller owns the pool). */
  close?: () => Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS mcc_webhook_cursor (receiver text PRIMARY KEY, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS mcc_webhook_pending (
  receiver text NOT NULL, seq bigint NOT NULL, session_id text NOT NULL, body text NOT NULL,
  PRIMARY KEY (receiver, seq)
);`;

// One statement, so queuing and moving the cursor are atomic without a transaction of our own.
const ENQUEUE = `
WITH queued AS (
  INSERT INTO mcc_webhook_pending (receiver, seq, session_id, body)
  SELECT $1, d.seq, d.session_id, d.body
  FROM unnest($2::bigint[], $3::text[], $4::text[]) AS d(seq, session_id, body)
  ON CONFLICT DO NOTHING
)
INSERT INTO mcc_webhook_cursor (receiver, seq) VALUES ($1, $5)
ON CONFLICT (receiver) DO UPDATE SET seq = excluded.seq`;

/**
 * A durable {@link DeliveryStore} in two tables of its own (`mcc_webhook_cursor`,
 * `mcc_webhook_pending`, created if missing) on a PostgreSQL database — the simulator's, or any —
 * through a `pg` `Pool` the caller passes. Run one webhook dispatcher per receiver (one node):
 * several on one database would each deliver everything.
 */
export async function createPostgresDeliveryStore(
  db: PgQueryable,
  options: PostgresDeliveryStoreOptions = {},
): Promise<DeliveryStore> {
  await db.query(SCHEMA);
  return {
    async cursor(receiver) {
      const { rows } = await db.query('SELECT seq FROM mcc_webhook_cursor WHERE receiver = $1', [receiver]);
      const row = rows[0] as { seq: string } | undefined;
      return row ? Number(row.seq) : 0;
    },
    async enqueue(receiver, deliveries, cursor) {
      await db.query(ENQUEUE, [
        receiver,
        deliveries.map((d) => d.seq),
        deliveries.map((d) => d.sessionId),
        deliveries.map((d) => d.body),
        cursor,
      ]);
    },
    async pending(receiver) {
      const { rows } = await db.query(
        'SELECT seq, session_id, body FROM mcc_webhook_pending WHERE receiver = $1 ORDER BY seq',
        [receiver],
      );
      return (rows as Array<{ seq: string; session_id: string; body: string }>).map(
        (r): PendingDelivery => ({ seq: Number(r.seq), sessionId: r.session_id, body: r.body }),
      );
    },
    async delivered(receiver, seq) {
      await db.query('DELETE FROM mcc_webhook_pending WHERE receiver = $1 AND seq = $2', [receiver, seq]);
    },
    async close() {
      await options.close?.();
    },
  };
}
