import type { OperationName } from '../operations/index.js';
import { MccClientError } from './client-error.js';

/** The signal of one attempt: its own deadline joined with the caller's `AbortSignal`. */
export interface Attempt {
  /** Pass this to the request. */
  readonly signal: AbortSignal;
  /**
   * Turns whatever the request threw into the client error both transports report: the caller's
   * abort is `ABORTED`, the attempt's deadline `TIMEOUT` (retryable), anything else a retryable
   * `NETWORK_ERROR`. An `MccClientError` passes through unchanged.
   */
  failure(error: unknown): MccClientError;
}

/** Starts one attempt of `operation` with a deadline of `timeoutMs` and the caller's signal. */
export function startAttempt(
  operation: OperationName | undefined,
  timeoutMs: number,
  caller?: AbortSignal,
): Attempt {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
  const prefix = operation ? `${operation}: ` : '';
  return {
    signal,
    failure(error) {
      if (error instanceof MccClientError) return error;
      const init = { cause: error, ...(operation ? { operation } : {}) };
      if (caller?.aborted) return new MccClientError('ABORTED', `${prefix}aborted by the caller`, init);
      if (deadline.aborted) {
        return new MccClientError('TIMEOUT', `${prefix}no answer within ${timeoutMs} ms`, {
          ...init,
          retryable: true,
        });
      }
      const code = (error as { code?: unknown }).code;
      return new MccClientError('NETWORK_ERROR', `${prefix}${(error as Error)?.message ?? String(error)}`, {
        ...init,
        retryable: true,
        ...(typeof code === 'string' ? { details: { networkCode: code } } : {}),
      });
    },
  };
}
