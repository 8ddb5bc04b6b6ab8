import { z } from 'zod';
import { CommandResult, SessionStatus, SessionStatusFailReasonCode } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

type FR = z.infer<typeof SessionStatusFailReasonCode>;

export const SessionAcceptResult = defineResult(
  'SessionAcceptResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Session ID. */
    sessionId: z.string().optional(),
    /** Session status. */
    status: SessionStatus.optional(),
    /** Fail reason code (if operation failed). */
    failReason: SessionStatusFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['sessionId', 'status'],
);

/** Let a NEW session enter the contact center's flow: queue it, or book it to a named agent. */
export const sessionAccept = defineOperation({
  name: 'sessionAccept',
  summary:
    'Accept an existing session on TVox to assign the interaction linked to it to an agent or simply let it enter the Contact Center management flow.',
  readOnly: false,
  request: {
    /** Session ID. */
    sessionId: param.sessionId(),
    /** Username of the agent to assign the session to. */
    user: param.string<false, FR>({
      required: false,
      invalid: 'REQUEST_REJECTED_BY_SERVICE',
      description: 'Username of the agent to assign the session to',
    }),
  },
  failReason: SessionStatusFailReasonCode,
  precedence: [
    'INVALID_SESSION_ID',
    'SESSION_CLOSED',
    'SERVICE_NOT_ENABLED',
    'REQUEST_REJECTED_BY_SERVICE',
    'TIMEOUT_EXCEEDED',
    'INVALID_RESPONSE',
    'GENERIC',
  ],
  serverFailReasons: ['TIMEOUT_EXCEEDED', 'INVALID_RESPONSE', 'GENERIC'],
  faults: { storage: 'GENERIC', timeout: 'TIMEOUT_EXCEEDED', internal: 'GENERIC' },
  result: SessionAcceptResult,
});
