import type { RetryOptions } from '@mcc/core';
import type { Dispatcher } from 'undici';

/** Credentials the client sends with every request. */
export type RestClientAuth =
  /** HTTP Basic authentication. */
  | { username: string; password: string }
  /** A bearer token (`Authorization: Bearer …`). */
  | { bearer: string };

/** Options of {@link createRestClient}. */
export interface RestClientOptions {
  /**
   * The REST/JSON endpoint, e.g. `https://tvox.example.com/mc/cxf/rest/json` (operations are
   * requested at `${baseUrl}/${operation}`).
   */
  baseUrl: string | URL;
  /**
   * The undici dispatcher to send through (a proxy agent, a `MockAgent` in tests…). Default: a
   * keep-alive `Agent` of the client's own, closed by `close()`. An injected one is never closed.
   */
  dispatcher?: Dispatcher;
  /** Time limit per attempt in milliseconds (a call's `timeoutMs` overrides it). Default 30 000. */
  timeoutMs?: number;
  /** Extra headers sent with every request. Default none. */
  headers?: Record<string, string>;
  /** Credentials sent with every request. Default none. */
  auth?: RestClientAuth;
  /** Retry policy (core's `withRetry`): 2 retries with backoff by default; `{ retries: 0 }` turns it off. */
  retry?: RetryOptions;
}

/** The default time limit of one attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;
