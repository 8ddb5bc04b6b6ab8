import type { MccService, OperationName, RequestOf, ResultOf } from '@mcc/core';
import { operationNames } from '@mcc/core';

/** One call the scripted service received. */
export interface RecordedCall {
  operation: OperationName;
  request: unknown;
}

/** Answers a call; return `undefined` for the default answer. */
export type Script = (operation: OperationName, request: Record<string, unknown>) => unknown;

const defaults: { [N in OperationName]: (request: RequestOf<N>) => ResultOf<N> } = {
  startSession: (r) => ({ result: 'SUCCESS', sessionId: r.sessionId ?? 'generated-1' }),
  sessionAccept: (r) => ({ result: 'SUCCESS', sessionId: r.sessionId, status: 'QUEUED' }),
  checkSession: (r) => ({ result: 'SUCCESS', sessionId: r.sessionId, status: 'NEW' }),
  checkSessionWithData: (r) => ({ result: 'SUCCESS', sessionId: r.sessionId, status: 'NEW' }),
  setSessionData: (r) => ({
    result: 'SUCCESS',
    sessionId: r.sessionId,
    ...(r.sessionData === undefined ? {} : { sessionData: r.sessionData }),
  }),
  closeSession: (r) => ({ result: 'SUCCESS', sessionId: r.sessionId }),
  getServiceState: (r) => ({
    result: 'SUCCESS',
    channelId: r.channelId,
    state: Object.fromEntries(r.serviceCodes.map((code) => [code, 'ACTIVE' as const])),
  }),
  logoutAgentFromChannel: (r) => ({
    result: 'SUCCESS',
    channelId: r.channelId,
    agentUsername: r.agentUsername,
  }),
};

/**
 * A hand-written `MccService` for wire tests: records every call it receives and answers with
 * `script`'s result, or a plain SUCCESS. A script may throw to play a failing service.
 */
export function scriptedService(script: Script = () => undefined): {
  service: MccService;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const service = {} as Record<OperationName, unknown>;
  for (const operation of operationNames) {
    service[operation] = async (request: Record<string, unknown>) => {
      calls.push({ operation, request });
      const scripted = script(operation, request);
      if (scripted !== undefined) return scripted;
      return (defaults[operation] as (r: unknown) => unknown)(request);
    };
  }
  return { service: service as MccService, calls };
}
