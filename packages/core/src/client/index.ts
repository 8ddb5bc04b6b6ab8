export { type ClientErrorCode, MccClientError } from './client-error.js';
export {
  type ExchangeAnswer,
  type ExchangeController,
  type ExchangeDispatcher,
  type ExchangeHandler,
  type ExchangeLimits,
  type ExchangeRequest,
  exchange,
  headerValue,
  type ResponseHeaders,
} from './http-exchange.js';
export { readResult } from './read-result.js';
export { isRetrySafe, type RetryEvent, type RetryOptions, withRetry } from './retry.js';
export { readRetryAfter } from './retry-after.js';
export { type WaitOptions, waitForSessionStatus } from './wait-for-status.js';
