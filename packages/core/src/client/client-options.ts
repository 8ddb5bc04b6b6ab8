import type { Operations, OperationTable } from '../operations/index.js';
import type { RetryOptions } from './retry.js';
import type { ServiceOf } from './service-of.js';

/** The time limit of one attempt both clients use unless told otherwise: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The largest answer both clients accept unless told otherwise: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** HTTP Basic credentials (a SOAP client may send them as a WS-Security UsernameToken instead). */
export interface BasicAuth {
  username: string;
  password: string;
}

/** A bearer token (`Authorization: Bearer …`). */
export interface BearerAuth {
  bearer: string;
}

/**
 * The options the REST and SOAP clients share, with the same names and defaults. Each transport
 * adds where to find the service, `auth`, `headers` and `dispatcher`.
 */
export interface ClientOptions<T extends OperationTable = Operations> {
  /** Time limit per attempt in milliseconds (a call's `timeoutMs` overrides it). Default 30 000. */
  timeoutMs?: number;
  /** Retry policy (core's `withRetry`): 2 retries with backoff on retry-safe calls; `{ retries: 0 }` turns it off. */
  retry?: RetryOptions;
  /**
   * Report every deviation of an answer from the contract this toolkit's servers write as
   * `MALFORMED_RESPONSE` (see core's `readResult`). For testing a server; default false, which reads
   * every answer a real TVox (Jackson, Jettison, CXF SOAP) may give.
   */
  strict?: boolean;
  /** Largest answer accepted, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Extra HTTP headers sent with every request. Default none. */
  headers?: Record<string, string>;
  /**
   * The operations table the client calls (its methods, requests, retry safety and result
   * readers), like the servers' option of the same name. Default: the MCC one (`operations`);
   * pass a copy with more rows to call an operation of your own, typed from its row.
   */
  operations?: T;
}

/**
 * What both client factories return: every operation of the table `T` (default: the MCC one, so
 * an `MccService`), `ready()` and `close()`.
 */
export type MccClient<T extends OperationTable = Operations> = ServiceOf<T> & {
  /** Resolves once the client can call (SOAP: the WSDL is read); rejects when it never will. */
  ready(): Promise<void>;
  /** Closes the client's own connection pool (an injected dispatcher is left open). */
  close(): Promise<void>;
};
