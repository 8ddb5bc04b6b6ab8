import type { MccClient } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import type { Dispatcher } from 'undici';
import type { Connection } from './connection.js';

/** Whether a SOAP address names the WSDL (`…?wsdl`, `….wsdl`) rather than the endpoint. */
export function isWsdlAddress(url: string): boolean {
  const { search, pathname } = new URL(url);
  return /^\?wsdl\b/i.test(search) || pathname.toLowerCase().endsWith('.wsdl');
}

/** The REST or SOAP client of the connection, sending through `dispatcher`; one call, one request. */
export function openClient(connection: Connection, dispatcher: Dispatcher): MccClient {
  const common = {
    dispatcher,
    timeoutMs: connection.timeoutMs,
    strict: connection.strict,
    retry: { retries: 0 },
    ...(connection.auth ? { auth: connection.auth } : {}),
  };
  if (connection.transport === 'rest') return createRestClient({ baseUrl: connection.url, ...common });
  return isWsdlAddress(connection.url)
    ? createSoapClient({ wsdlUrl: connection.url, ...common })
    : createSoapClient({ baseUrl: connection.url, ...common });
}
