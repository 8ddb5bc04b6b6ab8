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
export { DEFAULT_NAMESPACE, type SoapVersion } from '../envelope/soap-version.js';
export { type SoapOperationName, soapOperationNames } from '../soap-operations.js';
export { generateWsdl } from '../wsdl/generate-wsdl.js';
export { createSoapClient, type SoapClient } from './create-soap-client.js';
export type { SoapClientAuth, SoapClientLocation, SoapClientOptions } from './options.js';
