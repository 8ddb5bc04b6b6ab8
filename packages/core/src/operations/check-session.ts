import { z } from 'zod';
import { CheckSessionFailReasonCode, CommandResult, SessionStatus } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

export const CheckSessionResult = defineResult(
  'CheckSessionResult',
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
    /** Fail reason code (if operation failed). */
    failReason: CheckSessionFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['sessionId', 'status'],
  ['status'],
);

/** Check the state of an existing session. */
export const checkSession = defineOperation({
  name: 'checkSession',
  summary: 'Check state of an existing session on TVox.',
  readOnly: true,
  request: {
    /** Session ID. */
    sessionId: param.sessionId(),
  },
  failReason: CheckSessionFailReasonCode,
  precedence: ['INVALID_SESSION_ID'],
  serverFailReasons: [],
  faults: {},
  result: CheckSessionResult,
});
