import type { BasicAuth, BearerAuth, ClientOptions, Operations, OperationTable } from '@mcc/core';
import type { Dispatcher } from 'undici';

/** Credentials the REST client sends with every request: HTTP Basic, or a bearer token. */
export type RestClientAuth = BasicAuth | BearerAuth;

/** Options of {@link createRestClient}: core's `ClientOptions` (same names and defaults as SOAP's), plus where and how. */
export interface RestClientOptions<T extends OperationTable = Operations> extends ClientOptions<T> {
  /**
   * The REST/JSON endpoint, e.g. `https://tvox.example.com/mc/cxf/rest/json` (operations are
   * requested at `${baseUrl}/${operation}`).
   */
  baseUrl: string | URL;
  /** Credentials sent with every request. Default none. */
  auth?: RestClientAuth;
  /**
   * The undici dispatcher to send through (a proxy agent, a `MockAgent` in tests…). Default: a
   * keep-alive `Agent` of the client's own, closed by `close()`. An injected one is never closed.
   */
  dispatcher?: Dispatcher;
}
