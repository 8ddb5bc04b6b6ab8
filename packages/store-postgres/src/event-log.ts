import { MccError } from '@mcc/core';
import type { DomainEvent, DomainEventInput } from '@mcc/engine';
import type { QueryResult, QueryResultRow } from 'pg';

/**
 * Most events one transaction may append. An event's number is `xid × EVENTS_PER_TRANSACTION + n`
 * (`xid`: the appending transaction's 64-bit id, `n`: the event's place in it), so that numbers are
 * unique across nodes without any shared counter, and stay below 2^53 for 2^41 transactions.
 */
export const EVENTS_PER_TRANSACTION = 4096;

/** Runs one statement (errors already mapped to `MccError`). */
type Run = <R extends QueryResultRow = QueryResultRow>(
  sql: string,
  params?: unknown[],
) => Promise<QueryResult<R>>;

/**
 * The number of the `index`-th event of the transaction `xid`: unique across nodes without a
 * counter. A transaction may append at most {@link EVENTS_PER_TRANSACTION} events.
 */
export function eventSeq(xid: number, index: number): number {
  if (index >= EVENTS_PER_TRANSACTION)
    throw new MccError(
      'STORE_UNAVAILABLE',
      `PostgreSQL: one transaction may append at most ${EVENTS_PER_TRANSACTION} events`,
    );
  return xid * EVENTS_PER_TRANSACTION + index;
}

/**
 * The `index`-th event of the transaction `xid` (its id, taken at BEGIN), numbered, and the
 * parameters of its {@link insertEventSql}, a write deferred to the COMMIT (postgres-tx.ts):
 * appending needs no round trip of its own and locks no row, so appending transactions never
 * wait for each other.
 */
export function numberEvent(
  xid: number,
  input: DomainEventInput,
  index: number,
): { event: DomainEvent; params: [number, string] } {
  const seq = eventSeq(xid, index);
  return { event: { ...input, seq }, params: [seq, JSON.stringify(input)] };
}

/** The statement that appends one event: parameters its number and its JSON text. */
export function insertEventSql(events: string): string {
  return `INSERT INTO ${events} (seq, event) VALUES ($1, $2::json)`;
}

/**
 * When this node's appended events call for a prune of old ones (shared by all its transactions,
 * regular and speculative): every tenth of the retention, so that a prune (which walks the
 * `retention` newest numbers to find where to cut) costs a few microseconds per event; between
 * `retention` and `retention` plus a tenth of it events are kept. An infinite retention never prunes.
 */
export class PruneSchedule {
  #appended = 0;
  readonly #every: number;
  /** How many events a prune keeps, or undefined when none are pruned. */
  readonly keep: number | undefined;

  constructor(retention: number) {
    this.keep = Number.isFinite(retention) ? Math.trunc(retention) : undefined;
    this.#every = Math.max(1, Math.ceil(retention / 10));
  }

  /** Counts one appended event; answers how many to keep when a prune is due with it. */
  appended(): number | undefined {
    return this.keep !== undefined && ++this.#appended % this.#every === 0 ? this.keep : undefined;
  }
}

/** The statement that deletes all but the newest `$1` events. */
export function pruneEventsSql(events: string): string {
  return `DELETE FROM ${events} WHERE seq <= (SELECT seq FROM ${events} ORDER BY seq DESC OFFSET $1 LIMIT 1)`;
}

/**
 * One read of the event log: the events above `afterSeq` below the *horizon* — the number below
 * which no event can appear any more, because every transaction whose id is below the snapshot's
 * `xmin` has ended — and the highest number committed so far.
 *
 * Numbers follow transaction ids, not commit order, so a transaction that began writing earlier
 * may still commit an event with a lower number than one already visible: the horizon holds those
 * visible events back until it has ended, so a reader never misses or reorders a committed event.
 */
export async function readEventsOnce(
  run: Run,
  events: string,
  afterSeq: number,
  limit: number,
): Promise<{ events: DomainEvent[]; horizon: number; last: number }> {
  const result = await run<{
    seq: string | null;
    event: DomainEventInput | null;
    horizon: string;
    last: string | null;
  }>(
    `WITH h AS (
       SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${EVENTS_PER_TRANSACTION} AS horizon,
              (SELECT max(seq) FROM ${events}) AS last)
     SELECT e.seq, e.event, h.horizon, h.last FROM h LEFT JOIN LATERAL (
       SELECT seq, event FROM ${events} WHERE seq > $1 AND seq < h.horizon ORDER BY seq LIMIT $2
     ) e ON true`,
    [afterSeq, limit],
  );
  const first = result.rows[0];
  return {
    events: result.rows
      .filter((row) => row.seq !== null)
      .map((row) => ({ ...(row.event as DomainEventInput), seq: Number(row.seq) })),
    horizon: Number(first?.horizon ?? 0),
    last: Number(first?.last ?? 0),
  };
}

/**
 * Events above `afterSeq`, in order, at most `limit`, including every event committed before the
 * call: while a committed event is still above the horizon (an older transaction is still
 * running), waits for the horizon to pass it, polling every few milliseconds, for at most
 * `waitMs`; then answers what lies below the horizon (in order, nothing skipped: the rest comes
 * with a later call).
 */
export async function readEvents(
  run: Run,
  events: string,
  afterSeq: number,
  limit: number,
  waitMs: number,
): Promise<DomainEvent[]> {
  const deadline = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
    const read = await readEventsOnce(run, events, afterSeq, limit);
    const complete = read.events.length >= limit || read.last < read.horizon;
    if (complete || Date.now() >= deadline) return read.events;
    await new Promise((r) => setTimeout(r, pause));
  }
}
