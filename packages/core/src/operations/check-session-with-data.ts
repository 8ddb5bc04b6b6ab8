import { z } from 'zod';
import { CheckSessionWithDataFailReasonCode, CommandResult, SessionStatus } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

export const CheckSessionWithDataResult = defineResult(
  'CheckSessionWithDataResult',
  {
    result: CommandResult,
    sessionId: z.string().optional(),
    status: SessionStatus.optional(),
    username: z.string().optional(),
    customMessage: z.string().optional(),
    data: z.string().optional(),
    sessionData: z.string().optional(),
    failReason: CheckSessionWithDataFailReasonCode.optional(),
    failReasonMessage: z.string().optional(),
  },
  ['sessionId', 'status'],
);

/** Check the state of an existing session and read its data. */
export const checkSessionWithData = defineOperation({
  name: 'checkSessionWithData',
  summary: 'Check state of an existing session on TVox by also retrieving the session data.',
  readOnly: true,
  request: {
    sessionId: param.sessionId(),
  },
  failReason: CheckSessionWithDataFailReasonCode,
  precedence: ['INVALID_SESSION_ID'],
  faults: {},
  result: CheckSessionWithDataResult,
});
