import { z } from 'zod';
import { CommandResult, GetServiceStateResultFailReasonCode, ServiceState } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { defineOperation } from './define-operation.js';

type FR = z.infer<typeof GetServiceStateResultFailReasonCode>;

/** Most service codes one getServiceState may ask for. */
export const MAX_SERVICE_CODES = 100;

/** Map of service code → state (a JSON object on REST, entry/key/value on SOAP). */
export const ServiceStateMap = z.record(z.string(), ServiceState);

export const GetServiceStateResult = defineResult(
  'GetServiceStateResult',
  {
    /** Result state. */
    result: CommandResult,
    /** Map of service states (service code → state). */
    state: ServiceStateMap.optional(),
    /** Channel ID. */
    channelId: z.number().int().optional(),
    /** Fail reason code (if operation failed). */
    failReason: GetServiceStateResultFailReasonCode.optional(),
    /** Fail reason message (if operation failed). */
    failReasonMessage: z.string().optional(),
  },
  ['state', 'channelId'],
  ['state'],
);

/** The state of services on a channel. */
export const getServiceState = defineOperation({
  name: 'getServiceState',
  summary: 'Get state of TVox services on the desired channel.',
  readOnly: true,
  request: {
    /** Channel ID. */
    channelId: param.channelId<true, FR>({
      required: true,
      missing: 'INVALID_CHANNEL_ID',
      invalid: 'INVALID_CHANNEL_ID',
      description: 'Channel ID',
    }),
    /** Set of service codes (repeated, or comma-separated). */
    serviceCodes: param.strings<true, FR>({
      required: true,
      missing: 'INVALID_SERVICE_CODES',
      invalid: 'INVALID_SERVICE_CODES',
      maxItems: MAX_SERVICE_CODES,
      description: 'Set of service codes (repeated, or comma-separated)',
    }),
  },
  failReason: GetServiceStateResultFailReasonCode,
  precedence: [
    'INVALID_CHANNEL_ID',
    'INVALID_SERVICE_CODES',
    'SERVICE_STATE_NOT_FOUND',
    'TIMEOUT_EXCEEDED',
    'INVALID_RESPONSE',
  ],
  serverFailReasons: ['TIMEOUT_EXCEEDED', 'INVALID_RESPONSE'],
  faults: { storage: 'INVALID_RESPONSE', timeout: 'TIMEOUT_EXCEEDED', internal: 'INVALID_RESPONSE' },
  result: GetServiceStateResult,
});
