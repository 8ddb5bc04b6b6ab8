import { MccError } from '@mcc/core';
import pg from 'pg';

/** SQLSTATEs that mean "the statement ran out of time" (statement_timeout, lock_timeout). */
const TIMEOUT_STATES = new Set(['57014', '55P03']);

/** SQLSTATEs after which PostgreSQL wants the whole transaction tried again. */
const RETRY_STATES = new Set(['40001', '40P01']);

/** Node socket errors that mean the server cannot be reached (or went away). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT',
]);

/** Messages of the `pg` driver for a lost, refused or timed-out connection. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection error/i,
  /cannot use a pool after calling end/i,
];

/** Driver messages for a client-side query timeout (`query_timeout`). */
const CLIENT_TIMEOUT_MESSAGES = [/query read timeout/i];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when PostgreSQL aborted the transaction for a deadlock or a serialization failure (the error or its cause). */
export function isRetryable(error: unknown): boolean {
  const codes = [codeOf(error), codeOf((error as { cause?: unknown } | null)?.cause)];
  return codes.some((code) => code !== undefined && RETRY_STATES.has(code));
}

/** True when the statement ran out of time (statement_timeout, lock_timeout). */
export function isTimeout(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && TIMEOUT_STATES.has(code);
}

/** True when the error means the connection itself is unusable (lost, refused, timed out). */
export function isConnectionError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    // Class 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  return CONNECTION_MESSAGES.some((m) => m.test(message));
}

/**
 * Turns a driver or database error into the `MccError` the engine understands: a timeout is
 * `STORE_TIMEOUT`, anything else that went wrong in the database or on the way to it is
 * `STORE_UNAVAILABLE` (the operation answers its storage fail reason, e.g. `DATABASE_ERROR`).
 * An `MccError` passes through unchanged. The original error is kept as `cause`.
 */
export function toStoreError(error: unknown, doing: string): MccError {
  if (error instanceof MccError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const timedOut = isTimeout(error) || CLIENT_TIMEOUT_MESSAGES.some((m) => m.test(message));
  if (timedOut)
    return new MccError('STORE_TIMEOUT', `PostgreSQL timed out while ${doing}: ${message}`, { cause: error });
  const what = isConnectionError(error) ? 'is not reachable' : 'failed';
  return new MccError('STORE_UNAVAILABLE', `PostgreSQL ${what} while ${doing}: ${message}`, {
    cause: error,
  });
}

/**
 * After this error the connection cannot be trusted: it is lost, or the error happened on the
 * client side (e.g. `query_timeout`) so the server may still be running the statement.
 */
export function isBroken(error: unknown): boolean {
  return !(error instanceof pg.DatabaseError) || isConnectionError(error);
}
