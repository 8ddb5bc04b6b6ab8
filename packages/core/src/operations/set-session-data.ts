import { z } from 'zod';
import { CommandResult, SetSessionDataFailReasonCode } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';
import { START_SESSION_LIMITS } from './start-session.js';

type FR = z.infer<typeof SetSessionDataFailReasonCode>;

export const SetSessionDataResult = defineResult(
  'SetSessionDataResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Session ID. */
    sessionId: z.string().optional(),
    /** Additional data populated while session is in progress. */
    sessionData: z.string().optional(),
    /** Fail reason code (if operation failed). */
    failReason: SetSessionDataFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['sessionId'],
);

/** Replace the data of a session in progress (an empty value clears it). */
export const setSessionData = defineOperation({
  name: 'setSessionData',
  summary: 'Set session data of an existing session on TVox.',
  readOnly: false,
  request: {
    /** Session ID. */
    sessionId: param.sessionId(),
    /** Additional data populated while session is in progress. */
    sessionData: param.string<false, FR>({
      required: false,
      invalid: 'INVALID_RESPONSE',
      maxLength: START_SESSION_LIMITS.data,
      description: 'Additional data populated while session is in progress',
    }),
  },
  failReason: SetSessionDataFailReasonCode,
  precedence: ['INVALID_SESSION_ID', 'SESSION_CLOSED', 'INVALID_RESPONSE'],
  serverFailReasons: ['INVALID_RESPONSE'],
  faults: { storage: 'INVALID_RESPONSE', internal: 'INVALID_RESPONSE' },
  result: SetSessionDataResult,
});
