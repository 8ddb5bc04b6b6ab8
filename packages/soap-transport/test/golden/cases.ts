import type { OperationName, RequestOf, ResultOf } from '@mcc/core';
import type { SoapVersion } from '../../src/envelope/soap-version.js';

/** One golden wire case: a request and the answer to it, as typed values. */
export interface GoldenCase<N extends OperationName = OperationName> {
  /** File stem: `<name>.request.xml`, `<name>.response.xml`. */
  name: string;
  operation: N;
  version: SoapVersion;
  request: RequestOf<N>;
  result: ResultOf<N>;
}

const SID = '3f2a1c34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function golden<N extends OperationName>(c: GoldenCase<N>): GoldenCase {
  return c as unknown as GoldenCase;
}

/** At least one case per operation; every optional field and a FAILED answer appear somewhere. */
export const goldenCases: GoldenCase[] = [
  golden({
    name: 'startSession',
    operation: 'startSession',
    version: '1.1',
    request: {
      channelId: 1,
      serviceid: 'SUPPORT',
      sessionId: SID,
      data: '{"order":"A-17","note":"<urgent> & \'quoted\'"}',
      description: 'Web chat',
      contactId: '7d1e9a0c-0000-4000-8000-000000000001',
      contactValue: '+39 02 1234567',
    },
    result: {
      result: 'SUCCESS',
      sessionId: SID,
      contactId: '7d1e9a0c-0000-4000-8000-000000000001',
      contactValue: '+39 02 1234567',
    },
  }),
  golden({
    name: 'startSession.failed',
    operation: 'startSession',
    version: '1.1',
    request: { channelId: 3, serviceid: 'NIGHT' },
    result: {
      result: 'FAILED',
      failReason: 'SERVICE_NOT_ENABLED',
      failReasonMessage: 'Service is not enabled on channel: NIGHT',
    },
  }),
  golden({
    name: 'sessionAccept',
    operation: 'sessionAccept',
    version: '1.1',
    request: { sessionId: SID, user: 'alice' },
    result: { result: 'SUCCESS', sessionId: SID, status: 'BOOKED' },
  }),
  golden({
    name: 'checkSessionState',
    operation: 'checkSession',
    version: '1.1',
    request: { sessionId: SID },
    result: {
      result: 'SUCCESS',
      sessionId: SID,
      status: 'ASSIGNED',
      username: 'alice',
      customMessage: 'Alice will answer you',
    },
  }),
  golden({
    name: 'checkSessionState.soap12',
    operation: 'checkSession',
    version: '1.2',
    request: { sessionId: SID },
    result: {
      result: 'SUCCESS',
      sessionId: SID,
      status: 'QUEUED',
      customMessage: 'You are number 2 in the queue',
    },
  }),
  golden({
    name: 'checkSessionStateWithData',
    operation: 'checkSessionWithData',
    version: '1.1',
    request: { sessionId: SID },
    result: {
      result: 'SUCCESS',
      sessionId: SID,
      status: 'CLOSED',
      username: 'alice',
      data: 'start data',
      sessionData: 'latest data',
    },
  }),
  golden({
    name: 'setSessionData',
    operation: 'setSessionData',
    version: '1.1',
    request: { sessionId: SID, sessionData: 'step=2' },
    result: { result: 'SUCCESS', sessionId: SID, sessionData: 'step=2' },
  }),
  golden({
    name: 'closeSession',
    operation: 'closeSession',
    version: '1.1',
    request: { sessionId: SID, reason: 'REQUEST_FROM_CALLER' },
    result: { result: 'SUCCESS', sessionId: SID },
  }),
  golden({
    name: 'closeSession.failed',
    operation: 'closeSession',
    version: '1.1',
    request: { sessionId: 'unknown-session' },
    result: { result: 'FAILED', failReason: 'NOT_FOUND', failReasonMessage: 'Session was not found' },
  }),
  golden({
    name: 'getServiceState',
    operation: 'getServiceState',
    version: '1.1',
    request: { channelId: 1003, serviceCodes: ['SUPPORT', 'SALES', 'NIGHT'] },
    result: {
      result: 'SUCCESS',
      state: { SUPPORT: 'ACTIVE', SALES: 'OUT_OF_SERVICE', NIGHT: 'OVERTIME' },
      channelId: 1003,
    },
  }),
  golden({
    name: 'logoutAgentFromChannel',
    operation: 'logoutAgentFromChannel',
    version: '1.1',
    request: { channelId: 2, agentUsername: 'alice' },
    result: { result: 'SUCCESS', channelId: 2, agentUsername: 'alice' },
  }),
];
