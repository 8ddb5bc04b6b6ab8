import { createServer as createHttp, type Server as HttpServer, type RequestListener } from 'node:http';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import { createClientErrorListener } from '@mcc/http';
import { DEFAULT_MAX_URL_LENGTH, HEADER_FIELDS_ROOM } from '@mcc/rest-transport/server';
import { type ConnectionGuardOptions, guardConnections } from './connection-guard.js';
import { DEFAULT_LIMITS, type ServerLimits } from './settings.js';
import { readTlsFiles, type TlsFiles } from './tls.js';

/** The playground's listening server: HTTP, or HTTPS when given a certificate. */
export type PlaygroundServer = HttpServer | HttpsServer;

/**
 * An HTTP (or, with `tls`, HTTPS) server with the limits against hostile clients: a deadline for
 * the headers (slow-loris) and for the whole request, an idle keep-alive timeout, a cap on open
 * connections in all and per client address (further ones are closed as soon as they are
 * accepted), and a deadline for a client that stops reading its answers.
 */
export function createPlaygroundServer(
  options: {
    tls?: TlsFiles | undefined;
    limits?: Partial<ServerLimits & ConnectionGuardOptions> | undefined;
  },
  listener: RequestListener,
): PlaygroundServer {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const common = {
    // startSession carries up to 64 KiB of data in its query string, percent-encoded: every URL
    // the REST handler accepts (up to its 414 limit) must reach it, plus room for the headers.
    maxHeaderSize: DEFAULT_MAX_URL_LENGTH + HEADER_FIELDS_ROOM,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often the two deadlines above are checked (Node's default is 30 s).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
  const server = options.tls
    ? createHttps({ ...common, ...readTlsFiles(options.tls) }, listener)
    : createHttp(common, listener);
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // What Node's parser refuses (an over-long URL, headers, a timeout) gets a problem body, not a
  // bare status line, and a lingering close (@mcc/http; as createRestServer does).
  server.on('clientError', createClientErrorListener());
  guardConnections(server, {
    ...(limits.maxConnectionsPerClient ? { maxConnectionsPerClient: limits.maxConnectionsPerClient } : {}),
    ...(limits.writeStallTimeoutMs ? { writeStallTimeoutMs: limits.writeStallTimeoutMs } : {}),
  });
  return server;
}
