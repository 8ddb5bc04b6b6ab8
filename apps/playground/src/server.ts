import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ContactCenterConfig,
  createEngine,
  type DispatchRecord,
  type Engine,
  VirtualClock,
} from '@mcc/core';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';
import sirv from 'sirv';
import { loadContactCenterConfig } from './config-file.js';
import { createControlRoutes } from './control-routes.js';
import { sendProblem } from './http-helpers.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { openStore } from './open-store.js';

/** Where the console's static files are (`public/` beside `src/` and `dist/`). */
const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public');

/** How long shutdown waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What {@link startPlayground} needs. */
export interface PlaygroundOptions {
  port: number;
  host: string;
  /** `memory:`, `sqlite:<directory>` or `postgres://…`. */
  store: string;
  /** A configuration file (JSON or YAML), or the configuration itself. Default: the demo contact center. */
  config?: string | ContactCenterConfig;
  /** Default: pino at `LOG_LEVEL` (info). */
  logger?: Logger;
}

/** A running playground server. */
export interface Playground {
  server: Server;
  engine: Engine;
  clock: VirtualClock;
  metrics: Metrics;
  /** The base URL it answers on. */
  url: string;
  /** Stops accepting, lets requests in flight finish, then closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the MCC on one port: REST/JSON (WADL, OpenAPI) and SOAP (WSDL) over the reference engine,
 * the contact-center control API with its event stream, the console, `/healthz` and `/metrics`.
 * Time is virtual, running at real speed from now (the console can pause and jump it).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const logger = options.logger ?? createLogger();
  const config =
    typeof options.config === 'string' || options.config === undefined
      ? loadContactCenterConfig(options.config)
      : options.config;
  const clock = new VirtualClock(Date.now());
  clock.resume();
  const store = await openStore(options.store);
  const engine = await createEngine({
    store,
    clock,
    config,
    ...(store.kind === 'postgres' ? { timerPollMs: 1000 } : {}),
    onError: (error) => logger.error({ err: error }, 'background timer work failed'),
  });
  const metrics = createMetrics(engine);
  const observer = (transport: 'rest' | 'soap') => (record: DispatchRecord) => {
    const outcome = {
      transport,
      operation: record.operation,
      result: record.result?.result ?? ('ERROR' as const),
      ...(record.result?.failReason ? { failReason: record.result.failReason } : {}),
      durationMs: Math.round(record.durationMs * 1000) / 1000,
    };
    metrics.record(outcome);
    logger.info(outcome, 'mcc');
  };
  const onError = (error: unknown) => logger.error({ err: error }, 'request failed');
  const rest = createRestHandler(engine, { observe: observer('rest'), onError });
  const soap = createSoapHandler(engine, { observe: observer('soap'), onError });
  const files = sirv(PUBLIC_DIR, { dev: false, etag: true, single: false });
  let url = '';
  const control = createControlRoutes({
    engine,
    clock,
    metrics,
    baseUrl: () => url,
    fallback: (req, res) =>
      files(req, res, () =>
        sendProblem(res, 404, 'NOT_FOUND', `there is nothing at ${req.url?.split('?')[0]}`),
      ),
  });
  const notFound = (req: IncomingMessage, res: ServerResponse) =>
    sendProblem(res, 404, 'NOT_FOUND', `there is nothing at ${req.url?.split('?')[0]}`);

  const server = createServer({ maxHeaderSize: 96 * 1024 }, (req, res) => {
    if (req.url?.startsWith('/mc/cxf/')) rest(req, res, () => soap(req, res, () => notFound(req, res)));
    else control.handle(req, res);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    server,
    engine,
    clock,
    metrics,
    url,
    close() {
      closing ??= (async () => {
        // Stop accepting; connections close as soon as their request in flight is answered;
        // after the grace period the rest are cut.
        await new Promise<void>((done) => {
          server.close(() => done());
          control.endStreams();
          const sweep = setInterval(() => server.closeIdleConnections(), 25);
          const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          server.once('close', () => {
            clearInterval(sweep);
            clearTimeout(cut);
          });
          server.closeIdleConnections();
        });
        clock.pause();
        await engine.close();
      })();
      return closing;
    },
  };
}
