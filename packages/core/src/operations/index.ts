import type { z } from 'zod';
import { checkSession } from './check-session.js';
import { checkSessionWithData } from './check-session-with-data.js';
import { closeSession } from './close-session.js';
import type { OperationDefinition } from './define-operation.js';
import { getServiceState } from './get-service-state.js';
import { logoutAgentFromChannel } from './logout-agent-from-channel.js';
import type { OperationTypes } from './named-types.js';
import { sessionAccept } from './session-accept.js';
import { setSessionData } from './set-session-data.js';
import { startSession } from './start-session.js';

/**
 * The operations table: the single source of truth for the MCC API. The service type, the
 * dispatcher, both servers' routing, both clients and every generated document derive from it.
 * Adding an operation is one row here.
 */
export const operations = {
  startSession,
  sessionAccept,
  checkSession,
  checkSessionWithData,
  setSessionData,
  closeSession,
  getServiceState,
  logoutAgentFromChannel,
} as const;

/** The table's type. */
export type Operations = typeof operations;

/**
 * Any operations table: the MCC one ({@link operations}) or a copy with more rows (a gateway's own
 * operation, a test's throw-away one). Servers and document generators take one, defaulting to
 * {@link operations}.
 */
export type OperationTable = { readonly [name: string]: OperationDefinition };
/** The name of an MCC operation. */
export type OperationName = keyof Operations;
/** Operation names in the reference's order. */
export const operationNames = Object.keys(operations) as OperationName[];

/** The typed request of operation `N` (its named type, derived from the table's parameters). */
export type RequestOf<N extends OperationName> = OperationTypes[N]['request'];
/** The typed result of operation `N`: a discriminated union on `result` (its named type, derived from the table's result schema). */
export type ResultOf<N extends OperationName> = OperationTypes[N]['result'];
/** The fail reasons of operation `N`. */
export type FailReasonOf<N extends OperationName> = z.output<Operations[N]['failReason']>;

export {
  defineOperation,
  type OperationDefinition,
  type OperationFaults,
  type RequestOfParams,
} from './define-operation.js';
export { MAX_SERVICE_CODES, ServiceStateMap } from './get-service-state.js';
export type {
  CheckSessionFailure,
  CheckSessionRequest,
  CheckSessionResult,
  CheckSessionSuccess,
  CheckSessionWithDataFailure,
  CheckSessionWithDataRequest,
  CheckSessionWithDataResult,
  CheckSessionWithDataSuccess,
  CloseSessionFailure,
  CloseSessionRequest,
  CloseSessionResult,
  CloseSessionSuccess,
  GetServiceStateFailure,
  GetServiceStateRequest,
  GetServiceStateResult,
  GetServiceStateSuccess,
  LogoutAgentFailure,
  LogoutAgentFromChannelRequest,
  LogoutAgentResult,
  LogoutAgentSuccess,
  OperationTypes,
  SessionAcceptFailure,
  SessionAcceptRequest,
  SessionAcceptResult,
  SessionAcceptSuccess,
  SetSessionDataFailure,
  SetSessionDataRequest,
  SetSessionDataResult,
  SetSessionDataSuccess,
  StartSessionFailure,
  StartSessionRequest,
  StartSessionResult,
  StartSessionSuccess,
} from './named-types.js';
export {
  type ResultField,
  resultFields,
  resultFieldsOfKind,
  type WireValueKind,
} from './result-fields.js';
export { START_SESSION_LIMITS } from './start-session.js';
