export {
  createSoapHandler,
  DEFAULT_SOAP_PATH,
  type SoapCredentials,
  type SoapHandler,
  type SoapServerOptions,
} from './create-soap-handler.js';
export { generateWsdl, WSDL_NAMES, type GenerateWsdlOptions } from '../wsdl/generate-wsdl.js';
export { DEFAULT_NAMESPACE, type SoapVersion } from '../envelope/soap-version.js';
export { verifyUsernameToken, type UsernameToken } from '../security/ws-security.js';
export { soapOperationNames, type SoapOperationName } from '../soap-operations.js';
