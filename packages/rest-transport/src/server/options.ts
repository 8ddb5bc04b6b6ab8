import type { IncomingMessage } from 'node:http';
import type { DispatchObserver, OperationName } from '@mcc/core';
import type { CorsOptions } from 'cors';
import { DEFAULT_BASE_PATH, normalisePath } from '../shared/rest-bindings.js';
import type { RestCredentials } from './authenticate.js';

/** Largest setSessionData value (64 KiB) plus room for the JSON around it. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 + 4 * 1024;

/**
 * Longest accepted request target. GET carries startSession's `data` (up to 64 KiB) in the query,
 * which percent-encoding can triple, so the default leaves room for that.
 */
export const DEFAULT_MAX_URL_LENGTH = 256 * 1024;

/** What `onError` is told about a failure inside the handler. */
export interface RestErrorContext {
  /** The operation being served, if any. */
  operation?: OperationName;
  /** The request. */
  req: IncomingMessage;
}

/** Options of {@link createRestHandler}. Every one has a default that matches a TVox host. */
export interface RestHandlerOptions {
  /** Path of the REST/JSON endpoint; operations live at `${basePath}/${name}`. Default `/mc/cxf/rest/json`. */
  basePath?: string;
  /**
   * Path that answers `?_wadl` with the WADL (it is also served at `${basePath}?_wadl`). Default:
   * the parent of `basePath` (`/mc/cxf/rest`). `false` turns the WADL off.
   */
  wadlPath?: string | false;
  /** Path of the OpenAPI 3.1 document. Default `${wadlPath}/openapi.json` (`/mc/cxf/rest/openapi.json`); `false` turns it off. */
  openApiPath?: string | false;
  /** Largest PUT body in bytes; larger ones get 413. Default 64 KiB + 4 KiB ({@link DEFAULT_MAX_BODY_BYTES}). */
  maxBodyBytes?: number;
  /** Longest request target (path and query) in characters; longer ones get 414. Default 256 KiB. */
  maxUrlLength?: number;
  /**
   * Trust `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix` when telling the WADL
   * the address it was fetched from. Turn on only behind a proxy that sets them. Default `false`.
   */
  trustProxy?: boolean;
  /**
   * Cross-origin access for browser callers (web chat widgets). `true` allows any origin; an
   * object is passed to the `cors` package (its defaults here: methods GET and PUT, preflight cached
   * 10 minutes). Default `false`: no CORS headers at all.
   */
  cors?: boolean | CorsOptions;
  /**
   * Accepts or refuses the credentials of each operation request (`Authorization: Basic` or
   * `Bearer`); `restAuthenticator(checker)` builds one from core's `CredentialChecker`. A refusal
   * is a 401 `UNAUTHORIZED` problem with a `WWW-Authenticate` challenge for each scheme. The WADL
   * and OpenAPI documents and CORS preflights stay open. Default: no authentication.
   */
  authenticate?: (credentials: RestCredentials) => boolean | Promise<boolean>;
  /**
   * Asked before each operation request (before authentication): a whole number of seconds refuses it
   * with a 429 `TOO_MANY_REQUESTS` problem and that `Retry-After`; `undefined` lets it through.
   * For a per-client rate limit. Default: none.
   */
  throttle?: (req: IncomingMessage) => number | undefined;
  /** Told about errors the handler turned into a 500 problem (for logging). Default: none. */
  onError?: (error: unknown, context: RestErrorContext) => void;
  /** Told about every operation answered (invalid input included): for logs and metrics. */
  observe?: DispatchObserver;
}

/** The options with every default filled in. */
export interface ResolvedRestHandlerOptions {
  basePath: string;
  wadlPath: string | false;
  openApiPath: string | false;
  maxBodyBytes: number;
  maxUrlLength: number;
  trustProxy: boolean;
  cors: CorsOptions | false;
  authenticate: RestHandlerOptions['authenticate'];
  throttle: RestHandlerOptions['throttle'];
  onError: ((error: unknown, context: RestErrorContext) => void) | undefined;
  observe: DispatchObserver | undefined;
}

function parentPath(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** Fills in the defaults of {@link RestHandlerOptions}. */
export function resolveRestHandlerOptions(options: RestHandlerOptions = {}): ResolvedRestHandlerOptions {
  const basePath = normalisePath(options.basePath ?? DEFAULT_BASE_PATH);
  const wadlPath =
    options.wadlPath === false ? false : normalisePath(options.wadlPath ?? parentPath(basePath)) || '/';
  const docsRoot = wadlPath === false || wadlPath === '/' ? '' : wadlPath;
  const openApiPath =
    options.openApiPath === false ? false : normalisePath(options.openApiPath ?? `${docsRoot}/openapi.json`);
  const cors =
    options.cors === undefined || options.cors === false
      ? false
      : { methods: ['GET', 'PUT'], maxAge: 600, ...(options.cors === true ? {} : options.cors) };
  return {
    basePath,
    wadlPath,
    openApiPath,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxUrlLength: options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH,
    trustProxy: options.trustProxy ?? false,
    cors,
    authenticate: options.authenticate,
    throttle: options.throttle,
    onError: options.onError,
    observe: options.observe,
  };
}
