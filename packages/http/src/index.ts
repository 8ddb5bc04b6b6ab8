export { type Authorization, basicAuthorization, readAuthorization } from './auth/authorization.js';
export {
  type CredentialChecker,
  type CredentialSet,
  createCredentialChecker,
  sameSecret,
} from './auth/credentials.js';
export { type CapturedExchange, createCaptureDispatcher } from './client/capture-dispatcher.js';
export { classifyStatus, type StatusClass } from './client/classify-status.js';
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
export { answerAfterDrain } from './server/answer-after-drain.js';
export { clientErrorProblem, createClientErrorListener } from './server/client-error-answer.js';
export {
  DEFAULT_DRAIN_LIMITS,
  type DrainLimits,
  drainRequest,
  hasUnreadBody,
} from './server/drain-request.js';
export {
  type CommonHandlerOptions,
  reportError,
  type ServerErrorContext,
  type ServerHandler,
} from './server/handler-options.js';
export { lingeringClose } from './server/lingering-close.js';
export {
  PROBLEM_MEDIA_TYPE,
  PROBLEM_TYPES,
  type Problem,
  type ProblemCode,
  problem,
  problemCodes,
  problemStatuses,
} from './server/problem-types.js';
export { publicAddress } from './server/public-address.js';
export { BodyError, readBody } from './server/read-body.js';
export { type ProblemBody, sendProblem, writeProblem } from './server/send-problem.js';
