import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DispatchRecord } from '@mcc/core';
import { type ContactCenterConfig, createEngine, type Engine, VirtualClock } from '@mcc/engine';
import type { UpstreamEvent } from '@mcc/gateway';
import type { CredentialSet } from '@mcc/http';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';
import sirv from 'sirv';
import { createAccess, guardControl } from './access.js';
import { loadPlaygroundConfig } from './config-file.js';
import { createControlRoutes } from './control-routes.js';
import { checkExposure } from './exposure.js';
import { createFaultInjector, type FaultInjector } from './faults/index.js';
import { createUpstreamMetrics, registerWebhookMetrics } from './gateway-metrics.js';
import { type GatewayModeOptions, type MccBackend, openMccBackend } from './gateway-mode.js';
import { sendProblem } from './http-helpers.js';
import { createPlaygroundServer, type PlaygroundServer } from './http-server.js';
import { createLogger, type Logger } from './logger.js';
import { type CallRecord, createMetrics, type Metrics } from './metrics.js';
import { openStore } from './open-store.js';
import { clientAddress, createRateLimiter } from './rate-limit.js';
import type { RateLimitSettings, ServerLimits } from './settings.js';
import type { TlsFiles } from './tls.js';

/** Where the console's static files are (`public/` beside `src/` and `dist/`). */
const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../public');

/** How long shutdown waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Counts every upstream call in `/metrics` and logs the failed ones. */
function upstreamObserver(metrics: Metrics, logger: Logger): (event: UpstreamEvent) => void {
  const count = createUpstreamMetrics(metrics.registry);
  return (event) => {
    count(event);
    if (event.outcome === 'ERROR') logger.warn(event, 'upstream MCC call failed');
  };
}

/** What {@link startPlayground} needs. */
export interface PlaygroundOptions {
  port: number;
  host: string;
  /** `memory:`, `sqlite:<directory>` or `postgres://…`. */
  store: string;
  /**
   * The connections of a `postgres://` store on this node. Default: the store's (10). With several
   * nodes on one database, split what the database serves best among them (docs/architecture.md).
   */
  storePool?: number;
  /** A configuration file (JSON or YAML), or the configuration itself. Default: the demo contact center. */
  config?: string | ContactCenterConfig;
  /** Default: pino at `LOG_LEVEL` (info). */
  logger?: Logger;
  /** Injected faults (the file's `faults:` shape); replaces the configuration file's. Default: none. */
  faults?: unknown;
  /** Who may call REST and SOAP. Default: anyone (then only a loopback `host` is allowed). */
  mccCredentials?: CredentialSet;
  /** Who may use the control API, the console and `/metrics`. Default: anyone (loopback only). */
  controlCredentials?: CredentialSet;
  /** Listen on a non-loopback `host` even with endpoints left without credentials (logs a warning). */
  insecure?: boolean;
  /** Behind a reverse proxy: client address (rate limit) and public URL from `X-Forwarded-*`. */
  trustProxy?: boolean;
  /** Serve HTTPS with this PEM certificate and key. */
  tls?: TlsFiles;
  /** Connection cap and timeouts (defaults in `DEFAULT_LIMITS`). */
  limits?: Partial<ServerLimits>;
  /** Per-client rate limit of REST and SOAP. Default: none. */
  rateLimit?: RateLimitSettings;
  /** Gateway mode (`--upstream`, `--record`, `--replay`) and webhooks. Default: the simulator, no webhooks. */
  gateway?: GatewayModeOptions;
  /** Where the upstream's credentials are read (`MCC_UPSTREAM_USERNAME`/`_PASSWORD`). Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** A running playground server. */
export interface Playground {
  server: PlaygroundServer;
  engine: Engine;
  clock: VirtualClock;
  metrics: Metrics;
  /** The injected faults (also set through `/api/faults`). */
  faults: FaultInjector;
  /** What the MCC endpoints serve (simulator, gateway, replay) and the webhook dispatcher. */
  backend: MccBackend;
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
  const exposed = checkExposure(options);
  const loaded =
    typeof options.config === 'string' || options.config === undefined
      ? loadPlaygroundConfig(options.config)
      : { contactCenter: options.config, faults: undefined };
  const config = loaded.contactCenter;
  const faults = createFaultInjector(options.faults ?? loaded.faults);
  if (Object.keys(faults.settings().operations).length)
    logger.warn({ faults: faults.settings() }, 'injecting faults (see /api/faults)');
  const clock = new VirtualClock(Date.now());
  clock.resume();
  const store = await openStore(options.store, options.storePool);
  const engine = await createEngine({
    store,
    clock,
    config,
    ...(store.kind === 'postgres' ? { timerPollMs: 1000 } : {}),
    onError: (error) => logger.error({ err: error }, 'background timer work failed'),
  });
  // The engine moved the clock up to the store's clock mark (docs/behaviour.md, virtual time across restarts).
  if (clock.now() > Date.now() + 1000)
    logger.info(
      { virtualTime: new Date(clock.now()).toISOString() },
      'virtual time resumes where the store left it',
    );
  const metrics = createMetrics(engine, faults);
  const gateway = options.gateway ?? {};
  const backend = await openMccBackend(gateway, {
    engine,
    store,
    env: options.env ?? process.env,
    ...(gateway.upstream || gateway.replay ? { onUpstream: upstreamObserver(metrics, logger) } : {}),
    onError: (error) => logger.error({ err: error }, 'webhook delivery failed'),
  });
  if (backend.webhooks) registerWebhookMetrics(metrics.registry, backend.webhooks);
  if (backend.mode !== 'simulator')
    logger.info(
      { mode: backend.mode, upstream: gateway.upstream, replay: gateway.replay },
      'MCC endpoints in gateway mode',
    );
  const observer = (transport: 'rest' | 'soap') => (record: DispatchRecord) => {
    // On every call: one object, built without spreads (same fields, same order as the log line).
    const { operation, result } = record;
    const durationMs = Math.round(record.durationMs * 1000) / 1000;
    const outcome: CallRecord = result?.failReason
      ? { transport, operation, result: result.result, failReason: result.failReason, durationMs }
      : { transport, operation, result: result?.result ?? 'ERROR', durationMs };
    metrics.record(outcome);
    logger.info(outcome, 'mcc');
  };
  const onError = (error: unknown) => logger.error({ err: error }, 'request failed');
  const access = createAccess(options);
  const trustProxy = options.trustProxy ?? false;
  const throttle =
    options.rateLimit &&
    createRateLimiter({ ...options.rateLimit, key: (req) => clientAddress(req, trustProxy) });
  const guard = { trustProxy, throttle };
  const rest = createRestHandler(faults.wrap(backend.service, 'rest'), {
    observe: observer('rest'),
    onError,
    ...guard,
    authenticate: access.rest,
  });
  const soap = createSoapHandler(faults.wrap(backend.service, 'soap'), {
    observe: observer('soap'),
    onError,
    ...guard,
    authenticate: access.soap,
  });
  const files = sirv(PUBLIC_DIR, { dev: false, etag: true, single: false });
  let url = '';
  const control = createControlRoutes({
    engine,
    clock,
    metrics,
    faults,
    webhooks: () => backend.webhooks?.stats() ?? [],
    baseUrl: () => url,
    selfCall: { ...(access.consoleUser ? { auth: access.consoleUser } : {}), tls: Boolean(options.tls) },
    fallback: (req, res) =>
      files(req, res, () =>
        sendProblem(res, 404, 'NOT_FOUND', `there is nothing at ${req.url?.split('?')[0]}`),
      ),
  });
  const notFound = (req: IncomingMessage, res: ServerResponse) =>
    sendProblem(res, 404, 'NOT_FOUND', `there is nothing at ${req.url?.split('?')[0]}`);

  const handleControl = access.control
    ? guardControl(access.control, control.handle, onError)
    : control.handle;
  const server = createPlaygroundServer(options, (req, res) => {
    // Each handler answers what is its own and returns true; no closure per request for `next`.
    if (!req.url?.startsWith('/mc/cxf/')) handleControl(req, res);
    else if (!rest(req, res) && !soap(req, res)) notFound(req, res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `${options.tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  if (exposed.length)
    logger.warn({ host: options.host, open: exposed }, `--insecure: ${exposed.join(' and ')} accept anyone`);
  let closing: Promise<void> | undefined;
  return {
    server,
    engine,
    clock,
    metrics,
    faults,
    backend,
    url,
    close() {
      closing ??= (async () => {
        faults.close(); // injected delays end now, so requests in flight finish
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
        await backend.close();
        await engine.close();
      })();
      return closing;
    },
  };
}
