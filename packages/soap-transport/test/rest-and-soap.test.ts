import { createRestClient } from '@mcc/rest-transport/client';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createEngineTarget, type EngineTarget } from '@mcc/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSoapClient } from '../src/client/index.js';
import { createSoapHandler } from '../src/server/index.js';
import { type Listening, listen } from './support/listen.js';

// One engine served over REST and SOAP at once, on one port: a session started on one transport
// is seen, changed and closed through the other.
let target: EngineTarget;
let http: Listening;
let soap: ReturnType<typeof createSoapClient>;
let rest: ReturnType<typeof createRestClient>;

beforeAll(async () => {
  target = await createEngineTarget();
  const soapHandler = createSoapHandler(target.engine);
  const restHandler = createRestHandler(target.engine);
  http = await listen((req, res) => {
    restHandler(req, res, () => soapHandler(req, res));
  });
  soap = createSoapClient({ wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl` });
  rest = createRestClient({ baseUrl: `${http.origin}/mc/cxf/rest/json` });
});
afterAll(async () => {
  await http.close();
  await target.close();
});

test('started over SOAP, checked, updated and closed over REST', async () => {
  const started = await soap.startSession({ channelId: 1003, serviceid: 'SUPPORT', data: 'from SOAP' });
  if (started.result !== 'SUCCESS') throw new Error(JSON.stringify(started));
  const { sessionId } = started;
  expect(await rest.checkSession({ sessionId })).toMatchObject({ result: 'SUCCESS', status: 'NEW' });
  expect(await rest.setSessionData({ sessionId, sessionData: 'via REST' })).toMatchObject({
    result: 'SUCCESS',
  });
  expect(await soap.checkSessionWithData({ sessionId })).toMatchObject({
    data: 'from SOAP',
    sessionData: 'via REST',
  });
  expect(await rest.closeSession({ sessionId })).toEqual({ result: 'SUCCESS', sessionId });
  expect(await soap.checkSession({ sessionId })).toMatchObject({ status: 'CLOSED' });
});

test('started over REST, accepted and closed over SOAP', async () => {
  const started = await rest.startSession({
    channelId: 1003,
    serviceid: 'SUPPORT',
    sessionId: 'rest-then-soap',
  });
  expect(started).toMatchObject({ result: 'SUCCESS', sessionId: 'rest-then-soap' });
  const accepted = await soap.sessionAccept({ sessionId: 'rest-then-soap' });
  expect(accepted.result).toBe('SUCCESS');
  expect(await rest.checkSession({ sessionId: 'rest-then-soap' })).toMatchObject({
    status: accepted.result === 'SUCCESS' ? accepted.status : 'never',
  });
  expect(await soap.closeSession({ sessionId: 'rest-then-soap' })).toEqual({
    result: 'SUCCESS',
    sessionId: 'rest-then-soap',
  });
  expect(await rest.checkSession({ sessionId: 'rest-then-soap' })).toMatchObject({ status: 'CLOSED' });
  expect(await soap.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] })).toEqual(
    await rest.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }),
  );
});
