import type { OperationName, OperationTypes } from './operations/index.js';

/** Per-call options every `MccService` accepts; implementations ignore what they cannot use. */
export interface CallOptions {
  /** Abort the call (clients cancel the request; the engine ignores it once started). */
  signal?: AbortSignal;
  /** Deadline for this call in milliseconds (clients: default from their options). */
  timeoutMs?: number;
}

/**
 * The MultiChannel Connector API: one method per row of the operations table, each taking the
 * typed request and answering with the operation's result (business failures are results with
 * `result: 'FAILED'`, never exceptions). Implemented by the engine, the REST and SOAP clients, and
 * by any gateway built on this toolkit.
 */
export type MccService = {
  [N in OperationName]: (
    request: OperationTypes[N]['request'],
    options?: CallOptions,
  ) => Promise<OperationTypes[N]['result']>;
};
