import { MccClientError, type MccService, type OperationName, operationNames } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { createCaptureDispatcher } from './capture-dispatcher.js';
import { HttpProblem } from './http-helpers.js';

/** How the Try panel reaches this very server. */
export interface SelfCall {
  /** Sent as HTTP Basic over REST and SOAP when the endpoints need credentials. */
  auth?: { username: string; password: string };
  /**
   * Served over HTTPS: accept the server's own certificate (it may be self-signed, or name
   * another host than the address called; the call never leaves this machine).
   */
  tls?: boolean;
}

/**
 * Calls one MCC operation on this very server with the real REST or SOAP client, and returns the
 * raw exchange with the decoded result (or the client's typed error): what the console shows.
 */
export async function tryOperation(baseUrl: string, body: Record<string, unknown>, self: SelfCall = {}) {
  const { transport, operation, input } = body;
  if (transport !== 'rest' && transport !== 'soap')
    throw new HttpProblem(400, 'INVALID_ARGUMENT', 'transport must be "rest" or "soap"');
  if (typeof operation !== 'string' || !operationNames.includes(operation as OperationName))
    throw new HttpProblem(400, 'INVALID_ARGUMENT', `operation must be one of ${operationNames.join(', ')}`);
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input)))
    throw new HttpProblem(400, 'INVALID_ARGUMENT', 'input must be an object of parameters');
  const capture = createCaptureDispatcher(self.tls ? { rejectUnauthorized: false } : undefined);
  const options = { dispatcher: capture.dispatcher, timeoutMs: 10_000, retry: { retries: 0 } };
  const client: MccService =
    transport === 'rest'
      ? createRestClient({
          baseUrl: `${baseUrl}/mc/cxf/rest/json`,
          ...options,
          ...(self.auth ? { auth: self.auth } : {}),
        })
      : createSoapClient({
          baseUrl: `${baseUrl}/mc/cxf/soap`,
          ...options,
          ...(self.auth ? { auth: self.auth } : {}),
        });
  try {
    const call = client[operation as OperationName] as (request: unknown) => Promise<unknown>;
    const result = await call.call(client, input ?? {});
    return { ...capture.exchanges.at(-1), result };
  } catch (error) {
    const described =
      error instanceof MccClientError
        ? { code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) }
        : { code: 'ERROR', message: (error as Error).message };
    return { ...capture.exchanges.at(-1), error: described };
  } finally {
    await capture.close();
  }
}
