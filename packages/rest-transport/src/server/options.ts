import type { IncomingMessage } from 'node:http';
import { type OperationTable, operations } from '@mcc/core';
import {
  type CommonHandlerOptions,
  DEFAULT_DRAIN_LIMITS,
  type DrainLimits,
  type ServerErrorContext,
} from '@mcc/http';
import type { CorsOptions } from 'cors';
import { DEFAULT_BASE_PATH, normalisePath } from '../shared/rest-bindings.js';
import type { RestCredentials } from './authenticate.js';

/** Largest setSessionData value (64 KiB) plus room for the JSON around it. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 + 4 * 1024;

/**
 * Longest accepted request target: 1 MiB. GET carries startSession's `data` (up to 65 536
 * characters) in the query; percent-encoded UTF-8 takes up to 9 characters per character
 * (`%E2%82%AC`), so the default holds every field at its documented limit.
 */
export const DEFAULT_MAX_URL_LENGTH = 1024 * 1024;

/** What `onError` is told about a failure inside the handler (the same for both servers). */
export type RestErrorContext = ServerErrorContext;

/**
 * Options of {@link createRestHandler}: the ones both servers share ({@link CommonHandlerOptions}:
 * `maxBodyBytes` — here 64 KiB + 4 KiB —, `drain`, `timeoutMs`, `trustProxy`, `throttle`,
 * `onError`, `observe`) and the REST ones. Every one has a default that matches a TVox host.
 */
export interface RestHandlerOptions extends CommonHandlerOptions {
  /** Path of the REST/JSON endpoint; operations live at `${basePath}/${name}`. Default `/mc/cxf/rest/json`. */
  basePath?: string;
  /**
   * Path that answers `?_wadl` with the WADL (it is also served at `${basePath}?_wadl`). Default:
   * the parent of `basePath` (`/mc/cxf/rest`). `false` turns the WADL off.
   */
  wadlPath?: string | false;
  /** Path of the OpenAPI 3.1 document. Default `${wadlPath}/openapi.json` (`/mc/cxf/rest/openapi.json`); `false` turns it off. */
  openApiPath?: string | false;
  /** Longest request target (path and query) in characters; longer ones get 414. Default 1 MiB. */
  maxUrlLength?: number;
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
   * The operations table served (routes, validation, answers, WADL, OpenAPI). Default: the MCC
   * one (`operations` of `@mcc/core`); pass a copy with more rows to serve an operation of your
   * own (the service must implement it).
   */
  operations?: OperationTable;
}

/** The options with every default filled in. */
export interface ResolvedRestHandlerOptions {
  basePath: string;
  wadlPath: string | false;
  openApiPath: string | false;
  maxBodyBytes: number;
  maxUrlLength: number;
  drain: DrainLimits;
  timeoutMs: number | undefined;
  trustProxy: boolean;
  cors: CorsOptions | false;
  authenticate: RestHandlerOptions['authenticate'];
  throttle: ((req: IncomingMessage) => number | undefined) | undefined;
  operations: OperationTable;
  onError: RestHandlerOptions['onError'];
  observe: RestHandlerOptions['observe'];
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
    drain: { ...DEFAULT_DRAIN_LIMITS, ...options.drain },
    timeoutMs: options.timeoutMs,
    trustProxy: options.trustProxy ?? false,
    cors,
    authenticate: options.authenticate,
    throttle: options.throttle,
    operations: options.operations ?? operations,
    onError: options.onError,
    observe: options.observe,
  };
}
