/** Stable codes of the errors the core throws (tests assert on the code, not the message). */
export type MccErrorCode =
  | 'STORE_UNAVAILABLE'
  | 'STORE_TIMEOUT'
  | 'STORE_CLOSED'
  /** The store's file or database is held by another process. */
  | 'STORE_LOCKED'
  /** The store could not be opened (directory not writable, bad URL, failed migration…). */
  | 'STORE_OPEN_FAILED'
  | 'INVALID_CONFIG'
  | 'NOT_SUPPORTED'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT';

/** An error that is not a business result, with a stable `code`. */
export class MccError extends Error {
  override readonly name = 'MccError';
  constructor(
    readonly code: MccErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` means the store failed (the operation answers its storage fail reason). */
export function isStoreError(error: unknown): error is MccError {
  return (
    error instanceof MccError &&
    (error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_TIMEOUT' || error.code === 'STORE_CLOSED')
  );
}
