import type { OperationName } from '@mcc/core';
import { MccClientError } from '@mcc/core';

/** Response headers as an HTTP library hands them over (names in lower case). */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** The abort handle a dispatcher gives its handler for one request. */
export interface ExchangeController {
  abort(reason: Error): void;
}

/**
 * The handler of one request, in the dispatcher protocol of undici 7 (`Dispatcher.DispatchHandler`).
 * Declared here structurally: core imports no HTTP library.
 */
export interface ExchangeHandler {
  onRequestStart(controller: ExchangeController, context: unknown): void;
  onResponseStart(controller: ExchangeController, statusCode: number, headers: ResponseHeaders): void;
  onResponseData(controller: ExchangeController, chunk: Uint8Array): void;
  onResponseEnd(controller: ExchangeController, trailers: unknown): void;
  onResponseError(controller: ExchangeController, error: Error): void;
}

/** What an exchange sends. */
export interface ExchangeRequest {
  /** `http://host:port`. */
  origin: string;
  /** Path and query. */
  path: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
}

/** Anything that dispatches a request the way an undici `Dispatcher` does. */
export interface ExchangeDispatcher {
  dispatch(options: ExchangeRequest, handler: ExchangeHandler): boolean;
}

/** The limits of one exchange. */
export interface ExchangeLimits {
  /** Named in errors. */
  operation?: OperationName;
  /** The whole exchange (waiting for a connection, sending, the whole answer) must end within this. */
  timeoutMs: number;
  /** The caller's signal: aborts the exchange (`ABORTED`). */
  signal?: AbortSignal;
  /** Largest answer body in bytes (`MALFORMED_RESPONSE` beyond). Default 16 MiB. */
  maxBytes?: number;
}

/** An answer, read whole. */
export interface ExchangeAnswer {
  status: number;
  headers: ResponseHeaders;
  /** The body decoded as UTF-8. */
  text: string;
}

const utf8 = new TextDecoder();

function decode(chunks: Uint8Array[], size: number): string {
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return utf8.decode(all);
}

/**
 * Sends one HTTP request through `dispatcher` and reads the whole answer — the one attempt both
 * clients make. Every failure becomes the `MccClientError` both transports report: the caller's
 * abort is `ABORTED`, the deadline `TIMEOUT` (retryable), an oversized answer `MALFORMED_RESPONSE`,
 * anything else a retryable `NETWORK_ERROR`.
 *
 * It speaks the dispatcher protocol directly (no response stream, no `AbortSignal` per request, a
 * plain timer cleared when the exchange ends): `undici.request` with `AbortSignal.timeout` costs
 * about twice the CPU per call (`pnpm bench`, client cases).
 */
export function exchange(
  dispatcher: ExchangeDispatcher,
  request: ExchangeRequest,
  limits: ExchangeLimits,
): Promise<ExchangeAnswer> {
  const { operation, timeoutMs, signal } = limits;
  const maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let controller: ExchangeController | undefined;
    let stopped: Error | undefined;
    let settled = false;
    let timedOut = false;
    let status = 0;
    let headers: ResponseHeaders = {};
    const chunks: Uint8Array[] = [];
    let size = 0;

    const settle = (error: unknown, answer?: ExchangeAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (answer) resolve(answer);
      else reject(classify(error, operation, timeoutMs, signal?.aborted === true, timedOut));
    };
    // Stops the request (now, or as soon as the dispatcher hands over its controller) and fails.
    const stop = (reason: Error) => {
      stopped = reason;
      controller?.abort(reason);
      settle(reason);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    try {
      dispatcher.dispatch(request, {
        onRequestStart(c) {
          controller = c;
          if (stopped) c.abort(stopped);
        },
        onResponseStart(_c, statusCode, responseHeaders) {
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData(c, chunk) {
          size += chunk.length;
          if (size > maxBytes) {
            const tooLarge = new MccClientError(
              'MALFORMED_RESPONSE',
              `the answer exceeds ${maxBytes} bytes`,
              {
                ...(operation ? { operation } : {}),
                status,
              },
            );
            c.abort(tooLarge);
            settle(tooLarge);
          } else chunks.push(chunk);
        },
        onResponseEnd() {
          settle(undefined, { status, headers, text: decode(chunks, size) });
        },
        onResponseError(_c, error) {
          settle(error);
        },
      });
    } catch (error) {
      settle(error);
    }
  });
}

function classify(
  error: unknown,
  operation: OperationName | undefined,
  timeoutMs: number,
  abortedByCaller: boolean,
  timedOut: boolean,
): MccClientError {
  if (error instanceof MccClientError) return error;
  const prefix = operation ? `${operation}: ` : '';
  const init = { cause: error, ...(operation ? { operation } : {}) };
  if (abortedByCaller) return new MccClientError('ABORTED', `${prefix}aborted by the caller`, init);
  if (timedOut) {
    return new MccClientError('TIMEOUT', `${prefix}no answer within ${timeoutMs} ms`, {
      ...init,
      retryable: true,
    });
  }
  const code = (error as { code?: unknown }).code;
  return new MccClientError('NETWORK_ERROR', `${prefix}${(error as Error)?.message ?? String(error)}`, {
    ...init,
    retryable: true,
    ...(typeof code === 'string' ? { details: { networkCode: code } } : {}),
  });
}

/** The first value of a response header. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
