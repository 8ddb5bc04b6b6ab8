import {
  type CallOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MccClient,
  type OperationName,
  operationNames,
  type RequestOf,
  type ResultOf,
  withRetry,
} from '@mcc/core';
import { Agent, type Dispatcher } from 'undici';
import type { RestClientAuth, RestClientOptions } from './options.js';
import { sendAttempt } from './send-attempt.js';
import { buildWireRequest } from './wire-request.js';

/** An MCC client over REST/JSON: every operation of the table, `ready()` and `close()`. */
export type RestClient = MccClient & {
  /** The endpoint the client calls (no trailing slash). */
  readonly baseUrl: string;
};

function authorization(auth: RestClientAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
  const token = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
  return { authorization: `Basic ${token}` };
}

/**
 * Creates an `MccService` that calls a REST/JSON MCC endpoint (a real TVox, or this toolkit's
 * server) over undici, with a keep-alive pool, a time limit per attempt, the caller's
 * `AbortSignal`, and core's retry policy (`withRetry`: read-only operations, and startSession with a
 * caller-chosen sessionId, are retried on network errors, timeouts and 5xx). Every method is
 * derived from the operations table. Failures that are not results throw `MccClientError`.
 */
export function createRestClient(options: RestClientOptions): RestClient {
  const baseUrl = String(options.baseUrl).replace(/\/+$/, '');
  const { origin, pathname } = new URL(baseUrl);
  const basePath = pathname.replace(/\/+$/, '');
  const ownAgent: Agent | undefined = options.dispatcher ? undefined : new Agent();
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);
  const headers = { accept: 'application/json', ...options.headers, ...authorization(options.auth) };
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const strict = options.strict === true;

  async function call<N extends OperationName>(
    operation: N,
    request: RequestOf<N>,
    callOptions: CallOptions = {},
  ): Promise<ResultOf<N>> {
    const { signal } = callOptions;
    const wire = buildWireRequest(operation, request);
    const init = {
      dispatcher,
      origin,
      basePath,
      headers,
      timeoutMs: callOptions.timeoutMs ?? defaultTimeoutMs,
      maxBytes,
      strict,
      ...(signal ? { signal } : {}),
    };
    return withRetry(operation, request, () => sendAttempt(operation, wire, init), options.retry, signal);
  }

  const client: Record<string, unknown> = {
    baseUrl,
    ready: async () => {},
    close: async () => {
      await ownAgent?.close();
    },
  };
  for (const operation of operationNames) {
    client[operation] = (request: RequestOf<typeof operation>, callOptions?: CallOptions) =>
      call(operation, request, callOptions);
  }
  return client as RestClient;
}
