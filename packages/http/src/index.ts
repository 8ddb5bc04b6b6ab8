export { type Authorization, readAuthorization } from './auth/authorization.js';
export {
  type CredentialChecker,
  type CredentialSet,
  createCredentialChecker,
  sameSecret,
} from './auth/credentials.js';
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
} from './client/http-exchange.js';
export { readRetryAfter } from './client/retry-after.js';
export { type ProtocolAnswer, protocolAnswer } from './protocol-answer.js';
