export { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, type Problem, type ProblemCode } from '@mcc/http';
export {
  DEFAULT_BASE_PATH,
  REST_BINDING_EXCEPTIONS,
  type RestBinding,
  restBindingOf,
  restBindings,
} from '../shared/rest-bindings.js';
export { type RestCredentials, restAuthenticator, restCredentials } from './authenticate.js';
export { createRestHandler, type RestHandler } from './create-rest-handler.js';
export { createRestServer, HEADER_FIELDS_ROOM, type RestServerOptions } from './create-rest-server.js';
export {
  buildOpenApiDocument,
  MCC_API_VERSION,
  type OpenApiDocumentOptions,
  SECURITY_SCHEMES,
} from './openapi.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_URL_LENGTH,
  type RestErrorContext,
  type RestHandlerOptions,
} from './options.js';
export { buildWadl, WADL_MEDIA_TYPE, WADL_NAMESPACE } from './wadl.js';
