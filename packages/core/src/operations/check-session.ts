import { z } from 'zod';
import { CheckSessionFailReasonCode, CommandResult, SessionStatus } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

export const CheckSessionResult = defineResult(
  'CheckSessionResult',
  {
    result: CommandResult,
    sessionId: z.string().optional(),
    status: SessionStatus.optional(),
    username: z.string().optional(),
    customMessage: z.string().optional(),
    failReason: CheckSessionFailReasonCode.optional(),
    failReasonMessage: z.string().optional(),
  },
  ['sessionId', 'status'],
);

/** Check the state of an existing session. */
export const checkSession = defineOperation({
  name: 'checkSession',
  summary: 'Check state of an existing session on TVox.',
  readOnly: true,
  request: {
    sessionId: param.sessionId(),
  },
  failReason: CheckSessionFailReasonCode,
  precedence: ['INVALID_SESSION_ID'],
  faults: {},
  result: CheckSessionResult,
});
