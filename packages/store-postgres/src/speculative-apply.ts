import { MccError } from '@mcc/core';
import type { StoreTx } from '@mcc/engine';
import type { PoolClient } from 'pg';
import type { PruneSchedule } from './event-log.js';
import { isBroken, isTimeout, toStoreError } from './map-error.js';
import type { SpeculationCache } from './speculation-cache.js';
import { speculativeTx } from './speculative-tx.js';
import { prepared } from './statement-batch.js';

/** What a speculative transaction needs of its store. */
export interface SpeculationContext {
  readonly cache: SpeculationCache;
  readonly schema: string;
  readonly prune: PruneSchedule;
  /** `SELECT <schema>.mcc_apply($1::jsonb)::text AS xid`. */
  readonly apply: string;
  /** A pooled connection, `onError` told about its errors while checked out. */
  connect(onError: (error: unknown) => void): Promise<PoolClient>;
  /** Throws STORE_CLOSED once the store is closed. */
  assertOpen(): void;
}

/**
 * Runs `work` speculatively (speculative-tx.ts) and, when every call was predictable, sends its
 * steps as one autocommit `mcc_apply` (apply-function.ts). Answers undefined when the work must run
 * as a regular transaction: a call was not predictable, the work threw (its outcome came from
 * predictions nobody checked), or PostgreSQL rolled the statement back — an expectation failed
 * (MCC01; the values it relied on are forgotten), a deadlock, or any other error it reports
 * about the statement. Two failures are the operation's instead, without a rerun: a timeout (the
 * regular run would wait for the same lock), and a connection lost during the statement
 * (whether it committed is unknown, and the work must not run twice).
 */
export async function speculate<T>(
  work: (tx: StoreTx) => Promise<T>,
  context: SpeculationContext,
): Promise<{ value: T } | undefined> {
  const run = speculativeTx(context.cache, context.schema, context.prune);
  let value: T;
  try {
    value = await work(run.tx);
  } catch {
    return undefined;
  } finally {
    run.end();
  }
  if (run.missed) return undefined;
  // Nothing to write or check: nothing to send (as a regular transaction that sent nothing).
  if (run.steps.length === 0) return { value };
  let failure: unknown;
  let xid: number | undefined;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  const client = await context.connect(onError);
  try {
    const result = await client.query<{ xid: string }>(prepared(context.apply, [JSON.stringify(run.steps)]));
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
    context.cache.forget(run.observations);
    return undefined;
  }
  if (!Number.isSafeInteger(xid)) throw new MccError('STORE_UNAVAILABLE', 'PostgreSQL: no transaction id');
  run.committed(xid as number);
  context.cache.committed(run.observations);
  return { value };
}
