import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSoapHandler } from '../src/server/index.js';
import { createFakeService } from './support/fake-service.js';
import { type Listening, listen } from './support/listen.js';

// Interop with real third-party SOAP stacks installed from Debian packages (see README):
// each loads the WSDL our server serves on a real port and runs all 8 operations against it.
const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`./interop/${name}`, import.meta.url));

let http: Listening;
let wsdlUrl: string;
beforeAll(async () => {
  http = await listen(createSoapHandler(createFakeService()));
  wsdlUrl = `${http.origin}/mc/cxf/soap?wsdl`;
});
afterAll(() => http.close());

describe('third-party SOAP clients', () => {
  test('zeep (python3-zeep) runs all 8 operations, SOAP 1.2 and a fault', async () => {
    const { stdout } = await run('/usr/bin/python3', [script('zeep_client.py'), wsdlUrl], {
      timeout: 60_000,
    });
    for (const op of [
      'startSession',
      'sessionAccept',
      'checkSessionState',
      'checkSessionStateWithData',
      'setSessionData',
      'closeSession',
      'getServiceState',
      'logoutAgentFromChannel',
    ]) {
      expect(stdout).toContain(`${op} ok`);
    }
    expect(stdout).toContain('SOAP 1.2 ok');
    expect(stdout).toContain('fault ok');
    expect(stdout).toContain('ALL OK');
  });
});

describe('other stacks from Debian', () => {
  test("PHP's SoapClient (php-soap) runs all 8 operations and sees a proper fault", async () => {
    const { stdout } = await run('php', [script('php_client.php'), wsdlUrl], { timeout: 60_000 });
    expect(stdout.trim().split('\n')).toEqual([
      'startSession ok',
      'sessionAccept ok',
      'checkSessionState ok',
      'setSessionData ok',
      'checkSessionStateWithData ok',
      'getServiceState ok',
      'logoutAgentFromChannel ok',
      'closeSession ok',
      'fault ok',
      'ALL OK',
    ]);
  });

  test('SOAP::Lite (libsoap-lite-perl) runs all 8 operations and sees a proper fault', async () => {
    const { stdout } = await run('perl', [script('perl_client.pl'), wsdlUrl], { timeout: 60_000 });
    expect(stdout).toContain('getServiceState ok');
    expect(stdout.trim().split('\n')).toHaveLength(10);
    expect(stdout).toContain('ALL OK');
  });

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
