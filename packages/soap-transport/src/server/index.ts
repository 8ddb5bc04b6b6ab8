export { DEFAULT_NAMESPACE, type SoapVersion } from '../envelope/soap-version.js';
export {
  createReplayGuard,
  type ReplayGuard,
  type ReplayGuardOptions,
  type TokenRefusal,
} from '../security/replay-guard.js';
export { soapAuthenticator, usernameTokenVerifier } from '../security/soap-authenticator.js';
export { type UsernameToken, verifyUsernameToken } from '../security/ws-security.js';
export {
  SOAP_NAME_EXCEPTIONS,
  type SoapOperationName,
  soapNameOf,
  soapOperationNames,
} from '../soap-operations.js';
export { type GenerateWsdlOptions, generateWsdl, WSDL_NAMES } from '../wsdl/generate-wsdl.js';
export {
  createSoapHandler,
  DEFAULT_SOAP_PATH,
  FAULT_STATUS,
  type SoapCredentials,
  type SoapHandler,
  type SoapServerOptions,
} from './create-soap-handler.js';
