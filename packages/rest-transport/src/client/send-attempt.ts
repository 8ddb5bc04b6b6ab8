import { MccClientError, type OperationName, type OperationTable, type ResultOf } from '@mcc/core';
import { classifyStatus, type ExchangeDispatcher, exchange, headerValue, readRetryAfter } from '@mcc/http';
import { decodeAnswer } from './decode-answer.js';
import type { WireRequest } from './wire-request.js';

/** Everything one HTTP attempt needs. */
export interface AttemptInit {
  dispatcher: ExchangeDispatcher;
  /** `http://host:port` of the endpoint. */
  origin: string;
  /** The endpoint's path, without trailing slash. */
  basePath: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Largest answer accepted, in bytes. */
  maxBytes: number;
  /** Read answers strictly (core's `readResult`). */
  strict: boolean;
  /** The operations table whose rows describe the results. */
  operations: OperationTable;
  signal?: AbortSignal;
}

const EXCERPT = 500;

function httpError(
  operation: OperationName,
  status: number,
  verdict: { code: 'UNAUTHORIZED' | 'HTTP_ERROR'; retryable: boolean },
  text: string,
  retryAfter: string | undefined,
): MccClientError {
  let problem: { code?: unknown; detail?: unknown } | undefined;
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    problem = undefined;
  }
  const code = typeof problem?.code === 'string' ? problem.code : undefined;
  const details: Record<string, unknown> = { body: text.slice(0, EXCERPT) };
  if (code) details.problemCode = code;
  const retryAfterMs = readRetryAfter(retryAfter);
  return new MccClientError(verdict.code, `${operation}: HTTP ${status}${code ? ` (${code})` : ''}`, {
    operation,
    status,
    retryable: verdict.retryable,
    details,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function interpret<N extends OperationName>(
  operation: N,
  status: number,
  text: string,
  retryAfter: string | undefined,
  init: AttemptInit,
): ResultOf<N> {
  const verdict = classifyStatus(status);
  if (!verdict.ok) throw httpError(operation, status, verdict, text, retryAfter);
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (cause) {
    throw new MccClientError('MALFORMED_RESPONSE', `${operation}: the answer is not JSON`, {
      operation,
      status,
      details: { body: text.slice(0, EXCERPT) },
      cause,
    });
  }
  return decodeAnswer(operation, decoded, { strict: init.strict, operations: init.operations });
}

/**
 * Sends one HTTP request for `operation` and reads its answer. Every failure becomes an
 * `MccClientError`: `TIMEOUT` (retryable) when `timeoutMs` passes, `ABORTED` when the caller's
 * signal fires, `NETWORK_ERROR` (retryable) when the connection fails, `UNAUTHORIZED` for a 401,
 * `HTTP_ERROR` for another non-2xx status (retryable for 5xx and 429, after its `Retry-After`), `MALFORMED_RESPONSE` for an answer that is not a result.
 */
export async function sendAttempt<N extends OperationName>(
  operation: N,
  wire: WireRequest,
  init: AttemptInit,
): Promise<ResultOf<N>> {
  const answer = await exchange(
    init.dispatcher,
    {
      origin: init.origin,
      path: `${init.basePath}${wire.path}`,
      method: wire.method,
      headers:
        wire.body === undefined ? init.headers : { ...init.headers, 'content-type': 'application/json' },
      ...(wire.body === undefined ? {} : { body: wire.body }),
    },
    {
      operation,
      timeoutMs: init.timeoutMs,
      maxBytes: init.maxBytes,
      ...(init.signal ? { signal: init.signal } : {}),
    },
  );
  const retryAfter = headerValue(answer.headers, 'retry-after');
  return interpret(operation, answer.status, answer.text, retryAfter, init);
}
