import type { MccService } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';

/** An upstream MCC as the `--upstream` setting names it. */
export interface UpstreamSpec {
  transport: 'rest' | 'soap';
  /** REST: the `…/mc/cxf/rest/json` endpoint; SOAP: the WSDL address (`…/mc/cxf/soap?wsdl`). */
  url: string;
}

/** A `--upstream` value that cannot be used; the message says why. */
export class UpstreamSpecError extends Error {
  override readonly name = 'UpstreamSpecError';
}

/** Names of the environment variables holding the upstream's credentials. */
export const UPSTREAM_ENV = {
  username: 'MCC_UPSTREAM_USERNAME',
  password: 'MCC_UPSTREAM_PASSWORD',
} as const;

/**
 * Reads `rest:<base URL>` or `soap:<WSDL URL>`. Credentials never come in the URL (they would end
 * up in logs and recordings): they come from {@link UPSTREAM_ENV}.
 */
export function parseUpstream(value: string): UpstreamSpec {
  const colon = value.indexOf(':');
  const transport = value.slice(0, colon);
  const address = value.slice(colon + 1);
  if (colon < 0 || (transport !== 'rest' && transport !== 'soap'))
    throw new UpstreamSpecError(`"${value}" is not rest:<base URL> or soap:<WSDL URL>`);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new UpstreamSpecError(`"${address}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UpstreamSpecError(`"${address}" is not an http(s) URL`);
  if (url.username || url.password)
    throw new UpstreamSpecError(
      `the upstream URL must not carry credentials: set ${UPSTREAM_ENV.username} and ${UPSTREAM_ENV.password}`,
    );
  return { transport, url: address };
}

/** Options of {@link createUpstream}. */
export interface UpstreamOptions {
  /** Where the credentials are read ({@link UPSTREAM_ENV}). Default none. */
  env?: Record<string, string | undefined>;
  /** Time limit of each attempt, in ms. Default the client's. */
  timeoutMs?: number;
}

/** A client of the upstream MCC, with `close()` releasing its connections. */
export type UpstreamClient = MccService & { close(): Promise<void> };

/**
 * The REST or SOAP client of this toolkit for an upstream MCC, with HTTP Basic credentials from
 * the environment when both variables are set, and the clients' own retry policy (core's
 * `isRetrySafe`: read-only calls, and starts with a caller-chosen sessionId).
 */
export function createUpstream(spec: UpstreamSpec | string, options: UpstreamOptions = {}): UpstreamClient {
  const { transport, url } = typeof spec === 'string' ? parseUpstream(spec) : spec;
  const username = options.env?.[UPSTREAM_ENV.username];
  const password = options.env?.[UPSTREAM_ENV.password];
  if ((username === undefined) !== (password === undefined))
    throw new UpstreamSpecError(`set both ${UPSTREAM_ENV.username} and ${UPSTREAM_ENV.password}, or neither`);
  const credentials = username !== undefined && password !== undefined ? { username, password } : undefined;
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  if (transport === 'rest') {
    return createRestClient({ baseUrl: url, ...timeout, ...(credentials ? { auth: credentials } : {}) });
  }
  return createSoapClient({ wsdlUrl: url, ...timeout, ...(credentials ? { auth: credentials } : {}) });
}
