import {
  type CallOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MccClient,
  type OperationName,
  type Operations,
  type OperationTable,
  operations,
  type RequestOf,
  type ResultOf,
  withRetry,
} from '@mcc/core';
import { basicAuthorization } from '@mcc/http';
import { Agent, type Dispatcher } from 'undici';
import type { RestClientAuth, RestClientOptions } from './options.js';
import { sendAttempt } from './send-attempt.js';
import { buildWireRequest } from './wire-request.js';

/** An MCC client over REST/JSON: every operation of the table `T` (default: the MCC one), `ready()` and `close()`. */
export type RestClient<T extends OperationTable = Operations> = MccClient<T> & {
  /** The endpoint the client calls (no trailing slash). */
  readonly baseUrl: string;
};

function authorization(auth: RestClientAuth | undefined): Record<string, string> {
  if (!auth) return {};
  if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
  return { authorization: basicAuthorization(auth.username, auth.password) };
}

/**
 * Creates an `MccService` that calls a REST/JSON MCC endpoint (a real TVox, or this toolkit's
 * server) over undici, with a keep-alive pool, a time limit per attempt, the caller's
 * `AbortSignal`, and core's retry policy (`withRetry`: read-only operations, and startSession with a
 * caller-chosen sessionId, are retried on network errors, timeouts and 5xx). Every method is
 * derived from the operations table (`options.operations`, default the MCC one: a copy with more
 * rows gives a method per extra row, typed from it). Failures that are not results throw
 * `MccClientError`.
 */
export function createRestClient<const T extends OperationTable>(
  options: RestClientOptions<T> & { operations: T },
): RestClient<T>;
/** Creates a REST client of the MCC operations table (see the overload above). */
export function createRestClient(options: RestClientOptions): RestClient;
export function createRestClient(options: RestClientOptions<OperationTable>): { readonly baseUrl: string } {
  const table: OperationTable = options.operations ?? operations;
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
    const wire = buildWireRequest(operation, request, table);
    const init = {
      dispatcher,
      origin,
      basePath,
      headers,
      timeoutMs: callOptions.timeoutMs ?? defaultTimeoutMs,
      maxBytes,
      strict,
      operations: table,
      ...(signal ? { signal } : {}),
    };
    const attempt = () => sendAttempt(operation, wire, init);
    return withRetry(operation, request, attempt, options.retry, signal, table);
  }

  const client: Record<string, unknown> = {
    baseUrl,
    ready: async () => {},
    close: async () => {
      await ownAgent?.close();
    },
  };
  // Names of the table's rows; extra rows are typed by `RestClient<T>`, not by `OperationName`.
  for (const name of Object.keys(table)) {
    const operation = name as OperationName;
    if (operation in client) throw new TypeError(`createRestClient: a row cannot be named ${operation}`);
    client[operation] = (request: RequestOf<typeof operation>, callOptions?: CallOptions) =>
      call(operation, request, callOptions);
  }
  return client as RestClient;
}
