import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapClient, type SoapClient } from '../src/client/index.js';
import { createSoapHandler } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';

const service = createFakeService();
let http: Listening;

beforeAll(async () => {
  http = await listen(createSoapHandler(service));
});
afterAll(() => http.close());

describe.each([
  ['from the WSDL URL, SOAP 1.1', () => createSoapClient({ wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl` })],
  [
    'from an endpoint and the bundled WSDL, SOAP 1.2',
    () => createSoapClient({ baseUrl: `${http.origin}/mc/cxf/soap`, soapVersion: '1.2' }),
  ],
])('client → server, %s', (_name, make) => {
  let client: SoapClient;
  beforeAll(() => {
    client = make();
  });

  test('runs a session through every session operation', async () => {
    const start = await client.startSession({
      channelId: 1,
      serviceid: 'SUPPORT',
      data: 'a <b> & "c" \'d\'\r\nline 2 é 😀',
      contactId: 'c-1',
      contactValue: '+39 02 1234',
    });
    expect(start).toMatchObject({ result: 'SUCCESS', contactId: 'c-1', contactValue: '+39 02 1234' });
    if (start.result !== 'SUCCESS') throw new Error('unreachable');
    expect(service.seen.startSession).toEqual({
      channelId: 1,
      serviceid: 'SUPPORT',
      data: 'a <b> & "c" \'d\'\r\nline 2 é 😀',
      contactId: 'c-1',
      contactValue: '+39 02 1234',
    });
    const { sessionId } = start;
    expect(await client.sessionAccept({ sessionId, user: 'alice' })).toEqual({
      result: 'SUCCESS',
      sessionId,
      status: 'BOOKED',
    });
    expect(await client.checkSession({ sessionId })).toEqual({
      result: 'SUCCESS',
      sessionId,
      status: 'BOOKED',
      username: 'alice',
      customMessage: 'You are number 1 in the queue',
    });
    expect(await client.setSessionData({ sessionId, sessionData: 'progress' })).toEqual({
      result: 'SUCCESS',
      sessionId,
      sessionData: 'progress',
    });
    expect(await client.checkSessionWithData({ sessionId })).toEqual({
      result: 'SUCCESS',
      sessionId,
      status: 'BOOKED',
      username: 'alice',
      data: 'a <b> & "c" \'d\'\r\nline 2 é 😀',
      sessionData: 'progress',
    });
    expect(await client.closeSession({ sessionId, reason: 'REQUEST_FROM_CALLEE' })).toEqual({
      result: 'SUCCESS',
      sessionId,
    });
    expect(service.seen.closeSession).toEqual({ sessionId, reason: 'REQUEST_FROM_CALLEE' });
    expect(await client.sessionAccept({ sessionId })).toMatchObject({
      result: 'FAILED',
      failReason: 'SESSION_CLOSED',
    });
  });

  test('getServiceState sends repeated serviceCodes and reads the entry/key/value map', async () => {
    const answer = await client.getServiceState({
      channelId: 1003,
      serviceCodes: ['SUPPORT', 'OFF', 'SALES'],
    });
    expect(answer).toEqual({
      result: 'SUCCESS',
      channelId: 1003,
      state: { SUPPORT: 'ACTIVE', OFF: 'OUT_OF_SERVICE', SALES: 'ACTIVE' },
    });
    expect(service.seen.getServiceState).toEqual({
      channelId: 1003,
      serviceCodes: ['SUPPORT', 'OFF', 'SALES'],
    });
  });

  test('logoutAgentFromChannel: success and business failure are both results', async () => {
    expect(await client.logoutAgentFromChannel({ channelId: 2, agentUsername: 'alice' })).toEqual({
      result: 'SUCCESS',
      channelId: 2,
      agentUsername: 'alice',
    });
    expect(await client.logoutAgentFromChannel({ channelId: 2, agentUsername: 'bob' })).toMatchObject({
      result: 'FAILED',
      failReason: 'INVALID_USERNAME',
      failReasonMessage: expect.stringContaining('not valid'),
    });
  });

  test('invalid input is answered by the core validation as a business failure', async () => {
    expect(await client.startSession({ channelId: 7, serviceid: 'SUPPORT' })).toMatchObject({
      result: 'FAILED',
      failReason: 'INVALID_CHANNEL_ID',
    });
    expect(await client.checkSession({ sessionId: '' })).toMatchObject({
      result: 'FAILED',
      failReason: 'INVALID_SESSION_ID',
    });
  });
});
