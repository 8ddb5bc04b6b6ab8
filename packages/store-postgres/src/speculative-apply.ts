import { MccError } from '@mcc/core';
import type { SessionStore, StoreTx } from '@mcc/engine';
import type { PoolClient } from 'pg';
import type { PruneSchedule } from './event-log.js';
import { isBroken, isTimeout, toStoreError } from './map-error.js';
import { type Observation, observingReads, type SpeculationCache } from './speculation-cache.js';
import { type MissedRead, type SpeculativeRun, speculativeTx } from './speculative-tx.js';
import { prepared } from './statement-batch.js';

/** What a speculative transaction needs of its store. */
export interface SpeculationContext {
  readonly cache: SpeculationCache;
  readonly schema: string;
  readonly prune: PruneSchedule;
  /** `SELECT <schema>.mcc_apply($1::jsonb)::text AS xid`. */
  readonly apply: string;
  /** The store's unlocked reads (`SessionStore.read`), for a prefetch. */
  readonly read: SessionStore['read'];
  /** A pooled connection, `onError` told about its errors while checked out. */
  connect(onError: (error: unknown) => void): Promise<PoolClient>;
  /** Throws STORE_CLOSED once the store is closed. */
  assertOpen(): void;
}

/**
 * Speculative runs of one transaction before it goes regular: the first, and one more once a
 * prefetch or a failed expectation has told the node what it did not know. Each run that reaches
 * PostgreSQL costs one round trip; a regular transaction costs two.
 */
const RUNS = 2;

/**
 * Runs `work` speculatively (speculative-tx.ts) and, when every call was predictable, sends its
 * steps as one autocommit `mcc_apply` (apply-function.ts). A run that needed values the node
 * does not hold (a session another node started) fetches them with one unlocked read and runs
 * again; a run whose expectation PostgreSQL found stale (another node changed the row) learns the
 * committed value from the error and runs again — at most {@link RUNS} runs.
 *
 * Answers undefined when the work must run as a regular transaction: a call was not predictable,
 * the work threw (its outcome came from predictions nobody checked), or PostgreSQL rolled the
 * statement back for a reason the node cannot learn from — a taken id, no licence free at once
 * (the regular run gives the real answer), a deadlock, any other error about the statement. Two
 * failures are the operation's instead, without a rerun: a timeout (the regular run would wait for
 * the same lock), and a connection lost during the statement (whether it committed is unknown,
 * and the work must not run twice).
 */
export async function speculate<T>(
  work: (tx: StoreTx) => Promise<T>,
  context: SpeculationContext,
): Promise<{ value: T } | undefined> {
  for (let run = 1; ; run++) {
    const last = run === RUNS;
    const speculation = speculativeTx(context.cache, context.schema, context.prune);
    let outcome: { value: T } | undefined;
    try {
      outcome = { value: await work(speculation.tx) };
    } catch {
      outcome = undefined;
    } finally {
      speculation.end();
    }
    if (speculation.missed || !outcome) {
      const reads = speculation.missedReads;
      if (reads.length && !last && (await prefetch(reads, context))) continue;
      return undefined;
    }
    // Nothing to write or check: nothing to send (as a regular transaction that sent nothing).
    if (speculation.steps.length === 0) return outcome;
    const applied = await apply(speculation, context);
    if (applied === 'committed') return outcome;
    if (applied === 'failed') {
      context.cache.forget(speculation.observations);
      return undefined;
    }
    // A stale prediction, and what PostgreSQL found instead: the rest the run relied on was
    // checked before it, and nothing the run wrote reached the cache.
    context.cache.committed([applied]);
    if (last) return undefined;
  }
}

/**
 * Sends a run's steps. Answers 'committed', 'failed' (rolled back: the work goes regular), or
 * the committed value of the read expectation that failed; throws the operation's failure.
 */
async function apply(
  speculation: SpeculativeRun,
  context: SpeculationContext,
): Promise<'committed' | 'failed' | Observation> {
  let failure: unknown;
  let xid: number | undefined;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  const client = await context.connect(onError);
  try {
    const result = await client.query<{ xid: string }>(
      prepared(context.apply, [JSON.stringify(speculation.steps)]),
    );
    xid = Number(result.rows[0]?.xid);
  } catch (error) {
    failure ??= error;
  } finally {
    client.off('error', onError);
    client.release(failure !== undefined && isBroken(failure));
  }
  if (failure !== undefined) {
    context.assertOpen();
    if (isBroken(failure) || isTimeout(failure)) throw toStoreError(failure, 'applying a transaction');
    return foundInstead(failure, speculation.observations) ?? 'failed';
  }
  if (!Number.isSafeInteger(xid)) throw new MccError('STORE_UNAVAILABLE', 'PostgreSQL: no transaction id');
  speculation.committed(xid as number);
  context.cache.committed(speculation.observations);
  return 'committed';
}

/**
 * The committed value a failed read expectation found (MCC01's DETAIL, `[kind, key, text | null]`,
 * apply-function.ts), when it is one of the reads the run relied on; otherwise undefined.
 */
export function foundInstead(error: unknown, observations: readonly Observation[]): Observation | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  if (code !== 'MCC01' || typeof detail !== 'string') return undefined;
  let found: unknown;
  try {
    found = JSON.parse(detail);
  } catch {
    return undefined;
  }
  if (!Array.isArray(found) || found.length !== 3) return undefined;
  const [kind, key, text] = found as unknown[];
  if (typeof key !== 'string' || !(text === null || typeof text === 'string')) return undefined;
  if (kind === 'r' && observations.some((o) => 'session' in o && o.session === key))
    return { session: key, record: text ?? undefined };
  if (kind === 's' && observations.some((o) => 'state' in o && o.state === key))
    return { state: key, value: text };
  return undefined;
}

/**
 * Fetches the values a run missed with the store's unlocked reads (any committed version is a
 * prediction: the next run's expectations check it under the lock), into the cache — one
 * statement of one key each: a statement over a list of keys was planned anew at every call
 * (docs/benchmarks.md, round 7). True when the next run can use them — a session that does not
 * exist cannot be predicted. Any failure leaves the work to the regular run, which reports it.
 */
async function prefetch(reads: readonly MissedRead[], context: SpeculationContext): Promise<boolean> {
  // The same value missed twice (two calls of a Promise.all) is read once.
  const distinct = new Map(reads.map((r) => ['session' in r ? `r:${r.session}` : `s:${r.state}`, r]));
  const found: Observation[] = [];
  try {
    await context.read((tx) => {
      found.length = 0; // A read the store retried on a fresh connection starts over.
      const noted = observingReads(tx, found);
      return Promise.all(
        [...distinct.values()].map((r) =>
          'state' in r ? noted.getState(r.state) : noted.getSession(r.session),
        ),
      );
    });
  } catch {
    return false;
  }
  context.cache.committed(found);
  return found.every((o) => !('session' in o) || o.record !== undefined);
}
