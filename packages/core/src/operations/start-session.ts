import { z } from 'zod';
import { CommandResult, StartSessionFailReasonCode } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

type FR = z.infer<typeof StartSessionFailReasonCode>;

/** Field limits of startSession (semantics §5): violations are `GENERIC`. */
export const START_SESSION_LIMITS = { sessionId: 255, data: 64 * 1024, text: 1024 } as const;

export const StartSessionResult = defineResult(
  'StartSessionResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Session ID. */
    sessionId: z.string().optional(),
    /** Fail reason code (if operation failed). */
    failReason: StartSessionFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
    /** Addressbook contact UUID (if provided). */
    contactId: z.string().optional(),
    /** Addressbook contact value (if provided). */
    contactValue: z.string().optional(),
  },
  ['sessionId'],
  ['sessionId'],
);

/** Start a new session on the desired channel and service (status NEW). */
export const startSession = defineOperation({
  name: 'startSession',
  summary: 'Start a new session on TVox to create an interaction on the desired channel and service.',
  readOnly: false,
  retrySafeWith: 'sessionId',
  request: {
    /** Channel ID. */
    channelId: param.channelId<true, FR>({
      required: true,
      missing: 'REQUIRED_PARAMETERS',
      invalid: 'INVALID_CHANNEL_ID',
      description: 'Channel ID',
    }),
    /** Service code. */
    serviceid: param.string<true, FR>({
      required: true,
      missing: 'REQUIRED_PARAMETERS',
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.text,
      description: 'Service code',
    }),
    /** Session ID (otherwise self-generated). */
    sessionId: param.string<false, FR>({
      required: false,
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.sessionId,
      noControlCharacters: true,
      description: 'Session ID (otherwise self-generated)',
    }),
    /** Additional data. */
    data: param.string<false, FR>({
      required: false,
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.data,
      description: 'Additional data',
    }),
    /** Session description. */
    description: param.string<false, FR>({
      required: false,
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.text,
      description: 'Session description',
    }),
    /** Addressbook contact UUID. */
    contactId: param.string<false, FR>({
      required: false,
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.text,
      description: 'Addressbook contact UUID',
    }),
    /** Addressbook contact value (e.g. phone number). */
    contactValue: param.string<false, FR>({
      required: false,
      invalid: 'GENERIC',
      maxLength: START_SESSION_LIMITS.text,
      description: 'Addressbook contact value (e.g. phone number)',
    }),
  },
  failReason: StartSessionFailReasonCode,
  precedence: [
    'REQUIRED_PARAMETERS',
    'INVALID_CHANNEL_ID',
    'UNKNOWN_CHANNEL_ID',
    'CHANNEL_NOT_ENABLED',
    'UNKNOWN_SERVICE',
    'SERVICE_NOT_ENABLED',
    'DUPLICATED_SESSION_ID',
    'NO_LICENSE',
    'DATABASE_ERROR',
    'TIMEOUT_EXCEEDED',
    'INVALID_RESPONSE',
    'GENERIC',
  ],
  serverFailReasons: ['DATABASE_ERROR', 'TIMEOUT_EXCEEDED', 'INVALID_RESPONSE', 'GENERIC'],
  faults: { storage: 'DATABASE_ERROR', timeout: 'TIMEOUT_EXCEEDED', internal: 'GENERIC' },
  result: StartSessionResult,
});
