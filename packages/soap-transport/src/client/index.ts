export {
  createSoapClient,
  type SoapClient,
  type SoapClientCredentials,
  type SoapClientOptions,
  type SoapClientSource,
} from './create-soap-client.js';
export { DEFAULT_NAMESPACE, type SoapVersion } from '../envelope/soap-version.js';
export { generateWsdl } from '../wsdl/generate-wsdl.js';
export { soapOperationNames, type SoapOperationName } from '../soap-operations.js';
