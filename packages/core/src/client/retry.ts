import {
  type OperationDefinition,
  type OperationName,
  type OperationTable,
  operations,
  type RequestOf,
  type ResultOf,
} from '../operations/index.js';
import { MccClientError } from './client-error.js';

/** What a retry hook is told. */
export interface RetryEvent {
  operation: OperationName;
  /** The attempt that just failed, from 1. */
  attempt: number;
  error: MccClientError;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** Retry policy shared by the REST and SOAP clients. */
export interface RetryOptions {
  /** Extra attempts after the first. Default 2; 0 turns retries off. */
  retries?: number;
  /** Backoff base delay in ms (full jitter between 0 and min(max, base·2ⁿ)). Default 100. */
  minDelayMs?: number;
  /**
   * Backoff cap in ms. Default 2000. A server's `Retry-After` is waited for instead of the
   * backoff; one longer than this cap is not waited for (the error is thrown).
   */
  maxDelayMs?: number;
  /** Called before each retry. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Whether an operation may be sent again after a failure that may or may not have reached the
 * server, as the operations table says: read-only operations always; others only when the
 * caller gave their `retrySafeWith` parameter (startSession's `sessionId`: a repeat then cannot
 * open a second session).
 */
export function isRetrySafe<N extends OperationName>(
  operation: N,
  request: RequestOf<N>,
  table: OperationTable = operations,
): boolean {
  const definition: OperationDefinition | undefined = Object.hasOwn(table, operation)
    ? table[operation]
    : undefined;
  if (!definition) return false;
  if (definition.readOnly) return true;
  const key = definition.retrySafeWith;
  return key !== undefined && Boolean((request as Record<string, unknown>)[key]);
}

function backoff(attempt: number, min: number, max: number): number {
  return Math.round(Math.random() * Math.min(max, min * 2 ** (attempt - 1)));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` with the retry policy: retryable client errors on retry-safe operations are
 * tried again with exponential backoff and full jitter, or after the server's `Retry-After`. A startSession retry answered with
 * `DUPLICATED_SESSION_ID` means the first attempt did open the session: it is reported as that
 * attempt's SUCCESS. Retry safety is read from `table` (default: the MCC operations table).
 */
export async function withRetry<N extends OperationName>(
  operation: N,
  request: RequestOf<N>,
  attempt: () => Promise<ResultOf<N>>,
  options: RetryOptions = {},
  signal?: AbortSignal,
  table: OperationTable = operations,
): Promise<ResultOf<N>> {
  const safe = isRetrySafe(operation, request, table);
  const retries = safe ? (options.retries ?? 2) : 0;
  const min = options.minDelayMs ?? 100;
  const max = options.maxDelayMs ?? 2000;
  for (let n = 1; ; n++) {
    try {
      const result = await attempt();
      if (n > 1 && operation === 'startSession') return recogniseOwnStart(request, result);
      return result;
    } catch (error) {
      if (!(error instanceof MccClientError)) throw error;
      // A transient failure of a call that is not safe to repeat is not retryable: say so.
      if (error.retryable && !safe) throw notRetryable(error);
      if (!error.retryable || n > retries || signal?.aborted) throw error;
      // The server's Retry-After is honoured; one longer than the backoff cap ends the retries.
      const delayMs = error.retryAfterMs ?? backoff(n, min, max);
      if (delayMs > max) throw error;
      options.onRetry?.({ operation, attempt: n, error, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch (cause) {
        throw new MccClientError('ABORTED', `${operation}: aborted by the caller`, { operation, cause });
      }
    }
  }
}

/** The same error, marked not retryable (the failure was transient, the call is not safe to repeat). */
function notRetryable(error: MccClientError): MccClientError {
  return new MccClientError(error.code, `${error.message} (not retried: repeating this call is not safe)`, {
    ...(error.operation ? { operation: error.operation } : {}),
    ...(error.status === undefined ? {} : { status: error.status }),
    retryable: false,
    details: { ...error.details, transient: true },
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error.cause ?? error,
  });
}

function recogniseOwnStart<N extends OperationName>(request: RequestOf<N>, result: ResultOf<N>): ResultOf<N> {
  const start = result as ResultOf<'startSession'>;
  if (start.result !== 'FAILED' || start.failReason !== 'DUPLICATED_SESSION_ID') return result;
  const req = request as unknown as RequestOf<'startSession'>;
  const success: ResultOf<'startSession'> = { result: 'SUCCESS', sessionId: req.sessionId as string };
  if (req.contactId !== undefined) success.contactId = req.contactId;
  if (req.contactValue !== undefined) success.contactValue = req.contactValue;
  return success as ResultOf<N>;
}
