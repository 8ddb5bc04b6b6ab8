import * as restClient from '@mcc/rest-transport/client';
import * as soapClient from '@mcc/soap-transport/client';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../src/cli/args.js';
import {
  loadClientModule,
  REST_CLIENT_MODULE,
  type RestClientModule,
  SOAP_CLIENT_MODULE,
  type SoapClientModule,
} from '../src/cli/transports.js';

describe('the transports the CLI loads when asked', () => {
  test('are the real client modules, of the shape the CLI expects (checked by the compiler too)', async () => {
    const rest: RestClientModule = restClient;
    const soap: SoapClientModule = soapClient;
    expect(await loadClientModule<RestClientModule>(REST_CLIENT_MODULE, '--rest')).toMatchObject({
      createRestClient: rest.createRestClient,
    });
    expect(await loadClientModule<SoapClientModule>(SOAP_CLIENT_MODULE, '--soap')).toMatchObject({
      createSoapClient: soap.createSoapClient,
    });
  });

  test('a transport that is not installed is a usage error that says what to install', async () => {
    const loading = loadClientModule('@mcc/no-such-transport/client', '--rest');
    await expect(loading).rejects.toThrow(UsageError);
    await expect(loading).rejects.toThrow(
      '--rest needs @mcc/no-such-transport, which is not installed: npm install @mcc/no-such-transport',
    );
  });
});
