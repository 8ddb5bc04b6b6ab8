export { type Attempt, startAttempt } from './attempt.js';
export { type ClientErrorCode, MccClientError } from './client-error.js';
export { readResult } from './read-result.js';
export { isRetrySafe, type RetryEvent, type RetryOptions, withRetry } from './retry.js';
export { type WaitOptions, waitForSessionStatus } from './wait-for-status.js';
