import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DispatchObserver, OperationName } from '@mcc/core';
import type { DrainLimits } from './drain-request.js';

/** What a server's `onError` is told about a failure it answered with a 500 problem or a Server fault. */
export interface ServerErrorContext {
  /** The operation being served, when the failure happened inside one. */
  operation?: OperationName;
  /** The request. */
  req: IncomingMessage;
}

/**
 * A Node request handler of an MCC server (REST or SOAP: the same shape). Returns `true` when the
 * request is the handler's — it then answers it; `false` for anything else, after calling
 * `next()` when given, having written nothing: the host answers it. Mount it with `node:http` or
 * any Connect-style host (`app.use(handler)`).
 */
export type ServerHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => boolean;

/**
 * The options both MCC servers take, with the same names, meanings and defaults (each transport
 * adds its own). Every one is optional.
 */
export interface CommonHandlerOptions {
  /** Largest request body in bytes, before and after decompression; larger ones are refused. Default: the transport's. */
  maxBodyBytes?: number;
  /**
   * How much of a refused body is read (and thrown away) before the refusal is sent, so that the
   * client reads it instead of a reset connection. Default 8 MiB within 2 s
   * (`DEFAULT_DRAIN_LIMITS`).
   */
  drain?: Partial<DrainLimits>;
  /** Deadline handed to the service for each call (`CallOptions.timeoutMs`). Default: none. */
  timeoutMs?: number;
  /**
   * Trust `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix` when telling a
   * document (WSDL, WADL) the address it was fetched from. Only behind a proxy that sets them.
   * Default `false`.
   */
  trustProxy?: boolean;
  /**
   * Asked before each operation request, before authentication and before its body is read: a
   * whole number of seconds refuses it (REST: 429 problem; SOAP: Server fault) with that
   * `Retry-After`; `undefined` lets it through. For a per-client rate limit. Default: none.
   */
  throttle?: (req: IncomingMessage) => number | undefined;
  /**
   * Told about unexpected errors the server answered with a 500 problem / a Server fault (a
   * service that throws, an answer that cannot be written), for logging. Its return value is
   * ignored and an error it throws is swallowed. Default: none.
   */
  onError?: (error: unknown, context: ServerErrorContext) => void;
  /** Told about every operation answered (invalid input included): for logs and metrics. */
  observe?: DispatchObserver;
}

/** Calls `onError` safely: a failing logger must not take the request down with it. */
export function reportError(
  onError: CommonHandlerOptions['onError'],
  error: unknown,
  context: ServerErrorContext,
): void {
  try {
    onError?.(error, context);
  } catch {
    // Ignored on purpose (see CommonHandlerOptions.onError).
  }
}
