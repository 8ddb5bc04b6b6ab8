import { z } from 'zod';
import { CheckSessionWithDataFailReasonCode, CommandResult, SessionStatus } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

export const CheckSessionWithDataResult = defineResult(
  'CheckSessionWithDataResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Session ID. */
    sessionId: z.string().optional(),
    /** Session status. */
    status: SessionStatus.optional(),
    /** Username of the agent assigned to the session. */
    username: z.string().optional(),
    /** Custom message (an agent's message, or the queue message of the service). */
    customMessage: z.string().optional(),
    /** Additional data populated at session start. */
    data: z.string().optional(),
    /** Additional data populated while session is in progress. */
    sessionData: z.string().optional(),
    /** Fail reason code (if operation failed). */
    failReason: CheckSessionWithDataFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['sessionId', 'status'],
  ['status'],
);

/** Check the state of an existing session and read its data. */
export const checkSessionWithData = defineOperation({
  name: 'checkSessionWithData',
  summary: 'Check state of an existing session on TVox by also retrieving the session data.',
  readOnly: true,
  request: {
    /** Session ID. */
    sessionId: param.sessionId(),
  },
  failReason: CheckSessionWithDataFailReasonCode,
  precedence: ['INVALID_SESSION_ID'],
  serverFailReasons: [],
  faults: {},
  result: CheckSessionWithDataResult,
});
