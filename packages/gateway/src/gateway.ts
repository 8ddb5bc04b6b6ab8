import {
  type CallOptions,
  MccClientError,
  type MccService,
  type OperationName,
  operationNames,
  type RequestOf,
  type ResultOf,
} from '@mcc/core';
import { upstreamFailure } from './upstream-fault.js';

/** The default deadline of one call through the gateway, retries included (ms). */
export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /**
   * The MCC to forward to: a REST or SOAP client of a real TVox ({@link createUpstream}), a
   * recorder, a replay… Its own retry policy applies (core's `isRetrySafe`: only safe calls).
   */
  upstream: MccService;
  /**
   * Deadline of each call, every retry of the upstream client included, in ms (a caller's
   * shorter `timeoutMs` wins). Default {@link DEFAULT_GATEWAY_TIMEOUT_MS}.
   */
  timeoutMs?: number;
  /** Told about each call the upstream answered or failed (for logs). */
  onUpstream?: (event: UpstreamEvent) => void;
}

/** What {@link GatewayOptions.onUpstream} is told. */
export interface UpstreamEvent {
  operation: OperationName;
  durationMs: number;
  /** The result's `result`, or `ERROR` when the upstream call threw. */
  outcome: 'SUCCESS' | 'FAILED' | 'ERROR';
  /** The client error code when it threw (`TIMEOUT`, `NETWORK_ERROR`…). */
  errorCode?: string;
}

/** An `MccService` forwarding to an upstream MCC. */
export type Gateway = MccService;

function deadlineError(operation: OperationName, timeoutMs: number): MccClientError {
  return new MccClientError('TIMEOUT', `${operation}: no upstream answer within ${timeoutMs} ms`, {
    operation,
    retryable: true,
  });
}

/**
 * An `MccService` that forwards every operation to an upstream MCC under a deadline, so that
 * both servers (`createRestHandler`, `createSoapHandler`) can serve a real TVox with this
 * toolkit's WSDL, WADL, OpenAPI, authentication, rate limits and metrics in front. Upstream
 * failures become the operation's own fail reasons or protocol errors (see `upstreamFailure`);
 * a call never outlives its deadline, whatever the upstream does.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const limit = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const { upstream } = options;

  async function forward<N extends OperationName>(
    operation: N,
    request: RequestOf<N>,
    callOptions: CallOptions = {},
  ): Promise<ResultOf<N>> {
    const timeoutMs = Math.min(limit, callOptions.timeoutMs ?? limit);
    const deadline = new AbortController();
    const signal = callOptions.signal
      ? AbortSignal.any([callOptions.signal, deadline.signal])
      : deadline.signal;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = deadlineError(operation, timeoutMs);
        deadline.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const started = performance.now();
    const call = upstream[operation] as (r: RequestOf<N>, o: CallOptions) => Promise<ResultOf<N>>;
    try {
      const result = await Promise.race([call.call(upstream, request, { signal, timeoutMs }), expired]);
      options.onUpstream?.({ operation, durationMs: performance.now() - started, outcome: result.result });
      return result;
    } catch (caught) {
      // The upstream client reports our own deadline as an abort: it is a timeout.
      const error =
        deadline.signal.aborted && !callOptions.signal?.aborted
          ? deadlineError(operation, timeoutMs)
          : caught;
      options.onUpstream?.({
        operation,
        durationMs: performance.now() - started,
        outcome: 'ERROR',
        ...(error instanceof MccClientError ? { errorCode: error.code } : {}),
      });
      return upstreamFailure(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  const gateway: Record<string, unknown> = {};
  for (const operation of operationNames) {
    gateway[operation] = (request: RequestOf<typeof operation>, callOptions?: CallOptions) =>
      forward(operation, request, callOptions);
  }
  return gateway as Gateway;
}
