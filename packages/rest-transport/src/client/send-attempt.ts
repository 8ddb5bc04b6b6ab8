import { MccClientError, type OperationName, type ResultOf, startAttempt } from '@mcc/core';
import { type Dispatcher, request } from 'undici';
import { decodeAnswer } from './decode-answer.js';
import type { WireRequest } from './wire-request.js';

/** Everything one HTTP attempt needs. */
export interface AttemptInit {
  dispatcher: Dispatcher;
  /** Endpoint URL without trailing slash. */
  endpoint: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

const EXCERPT = 500;

function httpError(operation: OperationName, status: number, text: string): MccClientError {
  let problem: { code?: unknown; detail?: unknown } | undefined;
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    problem = undefined;
  }
  const code = typeof problem?.code === 'string' ? problem.code : undefined;
  const details: Record<string, unknown> = { body: text.slice(0, EXCERPT) };
  if (code) details.problemCode = code;
  return new MccClientError('HTTP_ERROR', `${operation}: HTTP ${status}${code ? ` (${code})` : ''}`, {
    operation,
    status,
    retryable: status >= 500,
    details,
  });
}

function interpret<N extends OperationName>(operation: N, status: number, text: string): ResultOf<N> {
  if (status < 200 || status >= 300) throw httpError(operation, status, text);
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
  return decodeAnswer(operation, decoded);
}

/**
 * Sends one HTTP request for `operation` and reads its answer. Every failure becomes an
 * `MccClientError`: `TIMEOUT` (retryable) when `timeoutMs` passes, `ABORTED` when the caller's
 * signal fires, `NETWORK_ERROR` (retryable) when the connection fails, `HTTP_ERROR` for a non-2xx
 * status (retryable for 5xx), `MALFORMED_RESPONSE` for an answer that is not a result.
 */
export async function sendAttempt<N extends OperationName>(
  operation: N,
  wire: WireRequest,
  init: AttemptInit,
): Promise<ResultOf<N>> {
  const attempt = startAttempt(operation, init.timeoutMs, init.signal);
  let status: number;
  let text: string;
  try {
    const response = await request(`${init.endpoint}${wire.path}`, {
      dispatcher: init.dispatcher,
      method: wire.method,
      headers:
        wire.body === undefined ? init.headers : { ...init.headers, 'content-type': 'application/json' },
      body: wire.body ?? null,
      signal: attempt.signal,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw attempt.failure(error);
  }
  return interpret(operation, status, text);
}
