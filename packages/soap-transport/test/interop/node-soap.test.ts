import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler } from '../../src/server/index.js';
import { createFakeService } from '../support/fake-service.js';
import { type Listening, listen } from '../support/listen.js';

// The soap npm package (node-soap), the SOAP client a Node integrator reaches for first.
let http: Listening;
let wsdlUrl: string;
beforeAll(async () => {
  http = await listen(createSoapHandler(createFakeService()));
  wsdlUrl = `${http.origin}/mc/cxf/soap?wsdl`;
});
afterAll(() => http.close());

describe('node-soap', () => {
  test('the soap npm package (node-soap client) loads the WSDL and runs calls', async () => {
    const soap = await import('soap');
    const client = await soap.createClientAsync(wsdlUrl);
    const [started] = await client.startSessionAsync({
      channelId: 1,
      serviceid: 'SUPPORT',
      sessionId: 'node-1',
    });
    expect(started.return).toMatchObject({ result: 'SUCCESS', sessionId: 'node-1' });
    const [state] = await client.getServiceStateAsync({ channelId: 1, serviceCodes: ['SUPPORT', 'OFF'] });
    expect(state.return.state.entry).toEqual([
      { key: 'SUPPORT', value: 'ACTIVE' },
      { key: 'OFF', value: 'OUT_OF_SERVICE' },
    ]);
    const [checked] = await client.checkSessionStateAsync({ sessionId: 'node-1' });
    expect(checked.return).toMatchObject({ result: 'SUCCESS', status: 'NEW' });
    await expect(client.checkSessionStateAsync({ sessionId: 'explode' })).rejects.toMatchObject({
      root: {
        Envelope: { Body: { Fault: { faultcode: 'soap:Server', faultstring: 'internal server error' } } },
      },
    });
  });
});
