export { type ClientErrorCode, MccClientError } from './client/client-error.js';
export {
  type BasicAuth,
  type BearerAuth,
  type ClientOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MccClient,
} from './client/client-options.js';
export { type ReadResultOptions, readResult } from './client/read-result.js';
export { isRetrySafe, type RetryEvent, type RetryOptions, withRetry } from './client/retry.js';
export type { ServiceOf, TableRequestOf, TableResultOf } from './client/service-of.js';
export { canStillReach, isFinalStatus } from './client/session-lifecycle.js';
export {
  type WaitClock,
  type WaitOptions,
  waitForSessionStatus,
} from './client/wait-for-status.js';
export {
  type DispatchObserver,
  type DispatchRecord,
  dispatch,
  failed,
  faultResult,
  type Validation,
  validateRequest,
  withValidation,
} from './dispatch.js';
export { isStoreError, MccError, type MccErrorCode } from './errors.js';
export * from './operations/index.js';
export {
  DropConnectionError,
  ProtocolFault,
  ServerFaultError,
  ServiceUnavailableError,
} from './protocol-faults.js';
export type { CallOptions, MccService } from './service.js';
export * from './wire/enums.js';
export { identifierProblem, isBlank, type Param, type ParamKind, param } from './wire/params.js';
export { defineResult, type ResultSchemas } from './wire/result.js';
export { isKnownValue, type Open, openSchema, type Unrecognised } from './wire/unrecognised.js';
export { wireEnum, wireEnumDescriptions, wireEnumName } from './wire/wire-enum.js';
