export { DEFAULT_NAMESPACE, type SoapVersion } from '../envelope/soap-version.js';
export { type SoapOperationName, soapOperationNames } from '../soap-operations.js';
export { generateWsdl } from '../wsdl/generate-wsdl.js';
export {
  createSoapClient,
  type SoapClient,
  type SoapClientCredentials,
  type SoapClientOptions,
  type SoapClientSource,
} from './create-soap-client.js';
