export {
  type BasicAuth,
  type BearerAuth,
  type CheckSessionSuccess,
  type ClientErrorCode,
  type ClientOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MccClient,
  MccClientError,
  type RetryEvent,
  type RetryOptions,
  type Unrecognised,
  type WaitClock,
  type WaitOptions,
  waitForSessionStatus,
} from '@mcc/core';
export { createRestClient, type RestClient } from './create-rest-client.js';
export { type DecodeOptions, decodeAnswer, unwrapRoot } from './decode-answer.js';
export type { RestClientAuth, RestClientOptions } from './options.js';
export { buildWireRequest, type WireRequest } from './wire-request.js';
