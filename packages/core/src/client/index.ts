export { MccClientError, type ClientErrorCode } from './client-error.js';
export { readResult } from './read-result.js';
export { withRetry, isRetrySafe, type RetryOptions, type RetryEvent } from './retry.js';
export { waitForSessionStatus, type WaitOptions } from './wait-for-status.js';
