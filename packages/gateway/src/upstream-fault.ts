import {
  failed,
  MccClientError,
  type OperationDefinition,
  type OperationName,
  operations,
  type ResultOf,
  ServerFaultError,
  ServiceUnavailableError,
} from '@mcc/core';

/** How long a caller is asked to wait when the upstream gave no `Retry-After` (seconds). */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * Turns a failure of the upstream MCC into what the gateway answers: the operation's own timeout
 * fail reason for a deadline (`TIMEOUT_EXCEEDED`), its internal fail reason for an answer that is
 * not a result; a `ServiceUnavailableError` (503 / `soap:Server`, with `Retry-After`) for an
 * upstream that cannot be reached, refuses the gateway's credentials or answers a protocol error;
 * and the same protocol error when the operation has no fail reason for the case. A caller's own
 * abort is rethrown unchanged. Messages never carry the upstream's address or body.
 */
export function upstreamFailure<N extends OperationName>(operation: N, error: unknown): ResultOf<N> {
  if (!(error instanceof MccClientError)) throw error;
  const { faults } = operations[operation] as OperationDefinition;
  switch (error.code) {
    case 'ABORTED':
      throw error;
    case 'TIMEOUT':
      if (faults.timeout)
        return failed(operation, faults.timeout as never, 'the upstream MCC did not answer in time');
      throw new ServiceUnavailableError('The upstream MCC did not answer in time.', {
        retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
        cause: error,
      });
    case 'MALFORMED_RESPONSE':
      if (faults.internal)
        return failed(
          operation,
          faults.internal as never,
          'the upstream MCC answered something that is not a result',
        );
      throw new ServerFaultError('The upstream MCC answered something that is not a result.', {
        cause: error,
      });
    default: {
      const retryAfterSeconds =
        error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : DEFAULT_RETRY_AFTER_SECONDS;
      throw new ServiceUnavailableError(`The upstream MCC is unavailable (${error.code}).`, {
        retryAfterSeconds,
        cause: error,
      });
    }
  }
}
