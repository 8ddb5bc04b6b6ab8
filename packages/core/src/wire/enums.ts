import type { z } from 'zod';
import { wireEnum } from './wire-enum.js';

// Every enum of the TVox MCC 1.0.1 reference, spelled exactly as on the wire (typos included).

/** Result state of every operation. */
export const CommandResult = wireEnum('CommandResult', {
  SUCCESS: 'Operation was successful',
  FAILED: 'Operation failed',
});
export type CommandResult = z.infer<typeof CommandResult>;

/** Session status. `UNKNOW` (sic) is what a reader reports for a status it does not recognise. */
export const SessionStatus = wireEnum('SessionStatus', {
  NEW: 'Session is new',
  QUEUED: 'Session is queued',
  BOOKED: 'Session is booked',
  ASSIGNED: 'Session is assigned to an agent',
  CLOSED: 'Session is closed',
  UNKNOW: 'Session is in unknown status',
});
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Closing reason of closeSession. */
export const Reason = wireEnum('Reason', {
  REQUEST_FROM_CALLER: 'Session will be close by service',
  REQUEST_FROM_CALLEE: 'Session will be close by agent',
});
export type Reason = z.infer<typeof Reason>;

/** State of one service in getServiceState's map. */
export const ServiceState = wireEnum('ServiceState', {
  ACTIVE: 'Service is active',
  OUT_OF_SERVICE: 'Service is out of service',
  OVERTIME: 'Service is overtime',
  UNKNOWN_SERVICE: 'Service is not found or not configured',
  CHANNEL_NOT_ENABLED: 'Channel is not enabled',
  SERVICE_NOT_ENABLED: 'Service is not enabled on channel',
  NO_LICENSE: 'License is missing or exceeded',
  FAILED: 'Generic error',
});
export type ServiceState = z.infer<typeof ServiceState>;

const TIMEOUT_EXCEEDED = 'Server error : Request timeout exceeded';
const INVALID_RESPONSE = 'Server error : Response is not valid';
const DATABASE_ERROR = 'Server error : Database error';
const INVALID_SESSION_ID = 'Session ID provided is not valid or does not exist';

export const StartSessionFailReasonCode = wireEnum('StartSessionFailReasonCode', {
  GENERIC: 'Generic error',
  INVALID_CHANNEL_ID: 'Channel ID is not valid',
  NO_LICENSE: 'License is missing or exceeded',
  UNKNOWN_CHANNEL_ID: 'Channel ID is not available',
  UNKNOWN_SERVICE: 'Service is not found or not configured',
  CHANNEL_NOT_ENABLED: 'Channel is not enabled',
  SERVICE_NOT_ENABLED: 'Service is not enabled on channel',
  REQUIRED_PARAMETERS: 'Required parameter is missing in the request',
  DUPLICATED_SESSION_ID: 'Session ID provided already exists',
  TIMEOUT_EXCEEDED,
  INVALID_RESPONSE,
  DATABASE_ERROR,
});
export type StartSessionFailReasonCode = z.infer<typeof StartSessionFailReasonCode>;

export const SessionStatusFailReasonCode = wireEnum('SessionStatusFailReasonCode', {
  GENERIC: 'Generic error',
  SERVICE_NOT_ENABLED: 'Service is not enabled on channel',
  INVALID_SESSION_ID,
  SESSION_CLOSED: 'Session has already been closed',
  REQUEST_REJECTED_BY_SERVICE: 'Service reject the request',
  TIMEOUT_EXCEEDED,
  INVALID_RESPONSE,
});
export type SessionStatusFailReasonCode = z.infer<typeof SessionStatusFailReasonCode>;

export const CheckSessionFailReasonCode = wireEnum('CheckSessionFailReasonCode', { INVALID_SESSION_ID });
export type CheckSessionFailReasonCode = z.infer<typeof CheckSessionFailReasonCode>;

export const CheckSessionWithDataFailReasonCode = wireEnum('CheckSessionWithDataFailReasonCode', {
  INVALID_SESSION_ID,
});
export type CheckSessionWithDataFailReasonCode = z.infer<typeof CheckSessionWithDataFailReasonCode>;

export const SetSessionDataFailReasonCode = wireEnum('SetSessionDataFailReasonCode', {
  INVALID_RESPONSE,
  INVALID_SESSION_ID,
  SESSION_CLOSED: 'Session has already been closed',
});
export type SetSessionDataFailReasonCode = z.infer<typeof SetSessionDataFailReasonCode>;

export const CloseSessionFailReasonCode = wireEnum('CloseSessionFailReasonCode', {
  GENERIC: 'Generic error',
  UNKNOWN_SERVICE: 'Service is not found or not configured',
  SERVICE_NOT_ENABLED: 'Service is not enabled on channel',
  IS_PENDING: 'Another closing request is in progress',
  NOT_FOUND: 'Session was not found',
  INVALID_SESSION_ID,
  TIMEOUT_EXCEEDED,
  INVALID_RESPONSE,
  DATABASE_ERROR,
});
export type CloseSessionFailReasonCode = z.infer<typeof CloseSessionFailReasonCode>;

export const GetServiceStateResultFailReasonCode = wireEnum('GetServiceStateResultFailReasonCode', {
  INVALID_CHANNEL_ID: 'Channel ID is not valid',
  INVALID_SERVICE_CODES: 'Service code are not valid',
  SERVICE_STATE_NOT_FOUND: 'Service state can not be found',
  SERVICE_NOT_ENABLED: 'Service is not enabled on channel',
  TIMEOUT_EXCEEDED,
  REQUEST_REJECTED_BY_SERVICE: 'Service reject the request',
  INVALID_RESPONSE,
});
export type GetServiceStateResultFailReasonCode = z.infer<typeof GetServiceStateResultFailReasonCode>;

export const LogoutAgentResultFailReasonCode = wireEnum('LogoutAgentResultFailReasonCode', {
  INVALID_CHANNEL_ID: 'Channel ID is not valid',
  INVALID_USERNAME: 'Username of the agent is not valid or does not exist',
  INVALID_USER_PROFILES: 'Agent profile is not valid',
  USER_NOT_LOGGED: 'Agent is not logged',
  LOGOUT_DATABASE_ERROR: 'Server error : Database error',
  LOGOUT_LICENSE_ERROR: 'Server error : License error',
  LOGOUT_EXTENSION_ERROR: 'Server error : Extension error',
  LOGOUT_USERNAME_ERROR: 'Server error : Username error',
  LOGOUT_ASTERISK_ERROR: 'Server error : Asterisk error',
  LOGOUT_TWIN_ERROR: 'Server error : Twin error',
  LOGOUT_UNKNOWN_ERROR: 'Server error : Unknown error',
});
export type LogoutAgentResultFailReasonCode = z.infer<typeof LogoutAgentResultFailReasonCode>;

/** The channels MCC manages: custom channels 1–3 and LiveHelp (1003). */
export const MANAGED_CHANNEL_IDS = [1, 2, 3, 1003] as const;
export type ManagedChannelId = (typeof MANAGED_CHANNEL_IDS)[number];

/** Whether `id` is a channel MCC can manage at all (else `INVALID_CHANNEL_ID`). */
export function isManagedChannelId(id: number): id is ManagedChannelId {
  return (MANAGED_CHANNEL_IDS as readonly number[]).includes(id);
}
