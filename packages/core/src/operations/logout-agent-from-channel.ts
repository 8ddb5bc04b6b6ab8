import { z } from 'zod';
import { CommandResult, LogoutAgentResultFailReasonCode } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

type FR = z.infer<typeof LogoutAgentResultFailReasonCode>;

/** Fields per semantics.md §1 (the reference does not spell LogoutAgentResult out). */
export const LogoutAgentResult = defineResult(
  'LogoutAgentResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Channel ID. */
    channelId: z.number().int().optional(),
    /** Username of the agent logged out. */
    agentUsername: z.string().optional(),
    /** Fail reason code (if operation failed). */
    failReason: LogoutAgentResultFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['channelId', 'agentUsername'],
);

/** Log an agent out of a channel; its BOOKED sessions there go back to the head of their queues. */
export const logoutAgentFromChannel = defineOperation({
  name: 'logoutAgentFromChannel',
  summary: 'Logout a TVox agent from the desired channel.',
  readOnly: false,
  request: {
    /** Channel ID. */
    channelId: param.channelId<true, FR>({
      required: true,
      missing: 'INVALID_CHANNEL_ID',
      invalid: 'INVALID_CHANNEL_ID',
      description: 'Channel ID',
    }),
    /** Username of the agent to logout. */
    agentUsername: param.string<true, FR>({
      required: true,
      missing: 'INVALID_USERNAME',
      invalid: 'INVALID_USERNAME',
      description: 'Username of the agent to logout',
    }),
  },
  failReason: LogoutAgentResultFailReasonCode,
  precedence: [
    'INVALID_CHANNEL_ID',
    'INVALID_USERNAME',
    'INVALID_USER_PROFILES',
    'USER_NOT_LOGGED',
    'LOGOUT_DATABASE_ERROR',
    'LOGOUT_UNKNOWN_ERROR',
  ],
  serverFailReasons: [
    'LOGOUT_DATABASE_ERROR',
    'LOGOUT_LICENSE_ERROR',
    'LOGOUT_EXTENSION_ERROR',
    'LOGOUT_USERNAME_ERROR',
    'LOGOUT_ASTERISK_ERROR',
    'LOGOUT_TWIN_ERROR',
    'LOGOUT_UNKNOWN_ERROR',
  ],
  faults: { storage: 'LOGOUT_DATABASE_ERROR', internal: 'LOGOUT_UNKNOWN_ERROR' },
  result: LogoutAgentResult,
});
