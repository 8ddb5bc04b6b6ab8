import type { OperationName } from '../operations/index.js';

/** Stable codes of the errors MCC clients throw instead of returning a result. */
export type ClientErrorCode =
  /** The connection failed (refused, reset, DNS…). Retryable on safe operations. */
  | 'NETWORK_ERROR'
  /** The call passed its `timeoutMs`. Retryable on safe operations. */
  | 'TIMEOUT'
  /** The caller's `AbortSignal` fired. Never retried. */
  | 'ABORTED'
  /** The server refused the credentials, or asked for some (HTTP 401). Never retried. */
  | 'UNAUTHORIZED'
  /** The server answered with an HTTP status that carries no result (4xx, 5xx). 5xx and 429 are retryable. */
  | 'HTTP_ERROR'
  /** The server answered with a SOAP fault. `soap:Server` faults are retryable. */
  | 'SOAP_FAULT'
  /** The answer is not a valid result of the operation (wrong shape, unknown fail reason…). */
  | 'MALFORMED_RESPONSE'
  /** `waitForSessionStatus` ran out of time. */
  | 'WAIT_TIMEOUT'
  /** `waitForSessionStatus` got a FAILED answer (e.g. the session is unknown). */
  | 'WAIT_FAILED'
  /** `waitForSessionStatus` saw a status from which the wanted ones can no longer be reached (CLOSED). */
  | 'WAIT_UNREACHABLE';

/** An error raised by an MCC client: anything that is not a result of the operation. */
export class MccClientError extends Error {
  override readonly name = 'MccClientError';
  /** Stable code to branch on. */
  readonly code: ClientErrorCode;
  /** The operation being called, when known. */
  readonly operation?: OperationName;
  /** HTTP status, for `HTTP_ERROR` and `SOAP_FAULT`. */
  readonly status?: number;
  /**
   * Whether sending the same call again is both useful and safe: the failure was transient (network,
   * timeout, 5xx, 429, `soap:Server`) and repeating this operation with these arguments cannot do
   * twice what it does (the operations table's retry safety). A transient failure of a call that is
   * not safe to repeat is `false`, with `details.transient: true`.
   */
  readonly retryable: boolean;
  /** Extra facts: fault code, response body excerpt, last result… */
  readonly details?: Record<string, unknown>;
  /** How long the server asked to wait before trying again (its `Retry-After`), in ms. */
  readonly retryAfterMs?: number;

  constructor(
    code: ClientErrorCode,
    message: string,
    init: {
      operation?: OperationName;
      status?: number;
      retryable?: boolean;
      details?: Record<string, unknown>;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: init.cause });
    this.code = code;
    if (init.operation !== undefined) this.operation = init.operation;
    if (init.status !== undefined) this.status = init.status;
    this.retryable = init.retryable ?? false;
    if (init.details !== undefined) this.details = init.details;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}
