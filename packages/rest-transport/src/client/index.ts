export {
  type ClientErrorCode,
  MccClientError,
  type RetryEvent,
  type RetryOptions,
  type WaitOptions,
  waitForSessionStatus,
} from '@mcc/core';
export { createRestClient, type RestClient } from './create-rest-client.js';
export { decodeAnswer, unwrapRoot } from './decode-answer.js';
export { DEFAULT_TIMEOUT_MS, type RestClientAuth, type RestClientOptions } from './options.js';
export { buildWireRequest, type WireRequest } from './wire-request.js';
