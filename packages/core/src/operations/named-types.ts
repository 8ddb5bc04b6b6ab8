import type { z } from 'zod';
import type { checkSession } from './check-session.js';
import type { checkSessionWithData } from './check-session-with-data.js';
import type { closeSession } from './close-session.js';
import type { RequestOfParams } from './define-operation.js';
import type { getServiceState } from './get-service-state.js';
import type { logoutAgentFromChannel } from './logout-agent-from-channel.js';
import type { sessionAccept } from './session-accept.js';
import type { setSessionData } from './set-session-data.js';
import type { startSession } from './start-session.js';

type Request<D extends { request: unknown }> = RequestOfParams<D['request']>;
type Answer<D extends { result: { schema: z.ZodType } }, R extends string> = Extract<
  z.output<D['result']['schema']>,
  { result: R }
>;

// Each operation's request and result by the reference's type names: interfaces, so that editors
// and error messages show `Promise<StartSessionResult>` rather than the derivation. Each is exactly
// its operation's `RequestOf`/`ResultOf` (the operations table stays the one source of truth).

/** The request of startSession. */
export interface StartSessionRequest extends Request<typeof startSession> {}
/** A SUCCESS answer of startSession. */
export interface StartSessionSuccess extends Answer<typeof startSession, 'SUCCESS'> {}
/** A FAILED answer of startSession. */
export interface StartSessionFailure extends Answer<typeof startSession, 'FAILED'> {}
/** The answer of startSession: a StartSessionSuccess or a StartSessionFailure, told apart by `result`. */
export type StartSessionResult = StartSessionSuccess | StartSessionFailure;

/** The request of sessionAccept. */
export interface SessionAcceptRequest extends Request<typeof sessionAccept> {}
/** A SUCCESS answer of sessionAccept. */
export interface SessionAcceptSuccess extends Answer<typeof sessionAccept, 'SUCCESS'> {}
/** A FAILED answer of sessionAccept. */
export interface SessionAcceptFailure extends Answer<typeof sessionAccept, 'FAILED'> {}
/** The answer of sessionAccept: a SessionAcceptSuccess or a SessionAcceptFailure, told apart by `result`. */
export type SessionAcceptResult = SessionAcceptSuccess | SessionAcceptFailure;

/** The request of checkSession. */
export interface CheckSessionRequest extends Request<typeof checkSession> {}
/** A SUCCESS answer of checkSession. */
export interface CheckSessionSuccess extends Answer<typeof checkSession, 'SUCCESS'> {}
/** A FAILED answer of checkSession. */
export interface CheckSessionFailure extends Answer<typeof checkSession, 'FAILED'> {}
/** The answer of checkSession: a CheckSessionSuccess or a CheckSessionFailure, told apart by `result`. */
export type CheckSessionResult = CheckSessionSuccess | CheckSessionFailure;

/** The request of checkSessionWithData. */
export interface CheckSessionWithDataRequest extends Request<typeof checkSessionWithData> {}
/** A SUCCESS answer of checkSessionWithData. */
export interface CheckSessionWithDataSuccess extends Answer<typeof checkSessionWithData, 'SUCCESS'> {}
/** A FAILED answer of checkSessionWithData. */
export interface CheckSessionWithDataFailure extends Answer<typeof checkSessionWithData, 'FAILED'> {}
/** The answer of checkSessionWithData: a CheckSessionWithDataSuccess or a CheckSessionWithDataFailure, told apart by `result`. */
export type CheckSessionWithDataResult = CheckSessionWithDataSuccess | CheckSessionWithDataFailure;

/** The request of setSessionData. */
export interface SetSessionDataRequest extends Request<typeof setSessionData> {}
/** A SUCCESS answer of setSessionData. */
export interface SetSessionDataSuccess extends Answer<typeof setSessionData, 'SUCCESS'> {}
/** A FAILED answer of setSessionData. */
export interface SetSessionDataFailure extends Answer<typeof setSessionData, 'FAILED'> {}
/** The answer of setSessionData: a SetSessionDataSuccess or a SetSessionDataFailure, told apart by `result`. */
export type SetSessionDataResult = SetSessionDataSuccess | SetSessionDataFailure;

/** The request of closeSession. */
export interface CloseSessionRequest extends Request<typeof closeSession> {}
/** A SUCCESS answer of closeSession. */
export interface CloseSessionSuccess extends Answer<typeof closeSession, 'SUCCESS'> {}
/** A FAILED answer of closeSession. */
export interface CloseSessionFailure extends Answer<typeof closeSession, 'FAILED'> {}
/** The answer of closeSession: a CloseSessionSuccess or a CloseSessionFailure, told apart by `result`. */
export type CloseSessionResult = CloseSessionSuccess | CloseSessionFailure;

/** The request of getServiceState. */
export interface GetServiceStateRequest extends Request<typeof getServiceState> {}
/** A SUCCESS answer of getServiceState. */
export interface GetServiceStateSuccess extends Answer<typeof getServiceState, 'SUCCESS'> {}
/** A FAILED answer of getServiceState. */
export interface GetServiceStateFailure extends Answer<typeof getServiceState, 'FAILED'> {}
/** The answer of getServiceState: a GetServiceStateSuccess or a GetServiceStateFailure, told apart by `result`. */
export type GetServiceStateResult = GetServiceStateSuccess | GetServiceStateFailure;

/** The request of logoutAgentFromChannel. */
export interface LogoutAgentFromChannelRequest extends Request<typeof logoutAgentFromChannel> {}
/** A SUCCESS answer of logoutAgentFromChannel. */
export interface LogoutAgentSuccess extends Answer<typeof logoutAgentFromChannel, 'SUCCESS'> {}
/** A FAILED answer of logoutAgentFromChannel. */
export interface LogoutAgentFailure extends Answer<typeof logoutAgentFromChannel, 'FAILED'> {}
/** The answer of logoutAgentFromChannel: a LogoutAgentSuccess or a LogoutAgentFailure, told apart by `result`. */
export type LogoutAgentResult = LogoutAgentSuccess | LogoutAgentFailure;

/** Each operation's named request and result types (what `MccService` is written with). */
export interface OperationTypes {
  startSession: { request: StartSessionRequest; result: StartSessionResult };
  sessionAccept: { request: SessionAcceptRequest; result: SessionAcceptResult };
  checkSession: { request: CheckSessionRequest; result: CheckSessionResult };
  checkSessionWithData: { request: CheckSessionWithDataRequest; result: CheckSessionWithDataResult };
  setSessionData: { request: SetSessionDataRequest; result: SetSessionDataResult };
  closeSession: { request: CloseSessionRequest; result: CloseSessionResult };
  getServiceState: { request: GetServiceStateRequest; result: GetServiceStateResult };
  logoutAgentFromChannel: { request: LogoutAgentFromChannelRequest; result: LogoutAgentResult };
}
