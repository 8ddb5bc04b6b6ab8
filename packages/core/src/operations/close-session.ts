import { z } from 'zod';
import { CloseSessionFailReasonCode, CommandResult, Reason } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

type FR = z.infer<typeof CloseSessionFailReasonCode>;

export const CloseSessionResult = defineResult(
  'CloseSessionResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Session ID. */
    sessionId: z.string().optional(),
    /** Fail reason code (if operation failed). */
    failReason: CloseSessionFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['sessionId'],
);

/** Close a session (idempotent: closing a CLOSED session succeeds and changes nothing). */
export const closeSession = defineOperation({
  name: 'closeSession',
  summary: 'Closes an existing session on TVox.',
  readOnly: false,
  request: {
    /** Session ID. */
    sessionId: param.sessionId(),
    /** Closing reason (default REQUEST_FROM_CALLER). */
    reason: param.enum<typeof Reason, false, FR>(Reason, {
      required: false,
      invalid: 'GENERIC',
      description: 'Closing reason (default REQUEST_FROM_CALLER)',
    }),
  },
  failReason: CloseSessionFailReasonCode,
  precedence: [
    'INVALID_SESSION_ID',
    'NOT_FOUND',
    'IS_PENDING',
    'DATABASE_ERROR',
    'TIMEOUT_EXCEEDED',
    'INVALID_RESPONSE',
    'GENERIC',
  ],
  serverFailReasons: ['DATABASE_ERROR', 'TIMEOUT_EXCEEDED', 'INVALID_RESPONSE', 'GENERIC'],
  faults: { storage: 'DATABASE_ERROR', timeout: 'TIMEOUT_EXCEEDED', internal: 'GENERIC' },
  result: CloseSessionResult,
});
