import { MccClientError, type MccService, operationNames, type RetryEvent } from '@mcc/core';
import { createCaptureDispatcher } from '@mcc/http';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { z } from 'zod';
import { parse } from './control-bodies.js';

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

/** Most retries the console may ask for (the bundled clients' default is 2). */
export const MAX_TRY_RETRIES = 5;

const RETRIES = `must be a whole number from 0 to ${MAX_TRY_RETRIES}`;

/** `POST /api/try`: which operation, over which transport, with which input (unknown keys ignored). */
export const TryBody = z.object({
  transport: z.enum(['rest', 'soap'], { error: 'must be "rest" or "soap"' }),
  operation: z.enum(operationNames, { error: `must be one of ${operationNames.join(', ')}` }),
  input: z.record(z.string(), z.unknown(), { error: 'must be an object of parameters' }).optional(),
  retries: z
    .int({ error: RETRIES })
    .min(0, { error: RETRIES })
    .max(MAX_TRY_RETRIES, { error: RETRIES })
    .default(0),
});

/**
 * Calls one MCC operation on this very server with the real REST or SOAP client, and returns the
 * raw exchange (of the last attempt) with the decoded result (or the client's typed error), and
 * each retry the client made under `retries` (default 0): what the console shows. A `body` that
 * is not a {@link TryBody} is answered 400 `INVALID_ARGUMENT`, each problem after its key.
 */
export async function tryOperation(baseUrl: string, body: unknown, self: SelfCall = {}) {
  const { transport, operation, input, retries } = parse(TryBody, body);
  const capture = createCaptureDispatcher(self.tls ? { rejectUnauthorized: false } : undefined);
  const retried: Array<{ attempt: number; code: string; message: string; delayMs: number }> = [];
  const retry = {
    retries,
    onRetry: (event: RetryEvent) =>
      retried.push({
        attempt: event.attempt,
        code: event.error.code,
        message: event.error.message,
        delayMs: Math.round(event.delayMs),
      }),
  };
  const options = { dispatcher: capture.dispatcher, timeoutMs: 10_000, retry };
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
    const call = client[operation] as (request: unknown) => Promise<unknown>;
    const result = await call.call(client, input ?? {});
    return { ...capture.exchanges.at(-1), attempts: capture.exchanges.length, retried, result };
  } catch (error) {
    const described =
      error instanceof MccClientError
        ? { code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) }
        : { code: 'ERROR', message: (error as Error).message };
    return { ...capture.exchanges.at(-1), attempts: capture.exchanges.length, retried, error: described };
  } finally {
    await capture.close();
  }
}
