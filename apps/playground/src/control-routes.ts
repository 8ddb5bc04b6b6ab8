import type { IncomingMessage, ServerResponse } from 'node:http';
import { MccError, type OperationName, operationNames } from '@mcc/core';
import type { Engine, VirtualClock } from '@mcc/engine';
import type { ReceiverStats } from '@mcc/gateway';
import Router, { type HTTPVersion } from 'find-my-way';
import {
  ClockBody,
  CustomMessageBody,
  EnabledBody,
  LoginBody,
  OutOfServiceBody,
  parse,
  ReadyBody,
  SessionsQueryParams,
  WholeNumber,
} from './control-bodies.js';
import { streamEvents } from './event-stream.js';
import { type FaultInjector, FaultsConfigError, faultsCatalog } from './faults/index.js';
import { createReadinessCheck } from './health.js';
import { HttpProblem, readJson, sendJson, sendProblem } from './http-helpers.js';
import type { Metrics } from './metrics.js';
import { operationsCatalog } from './operations-catalog.js';
import { toSessionView } from './session-view.js';
import { type SelfCall, tryOperation } from './try-operation.js';

type Handler = (
  req: IncomingMessage,
  params: Record<string, string | undefined>,
  url: URL,
) => Promise<unknown>;

/** A whole-number path or query parameter. */
const int = (value: string | undefined | null, name: string): number => parse(WholeNumber, value, name);

/**
 * The contact-center control API (docs/control-api.md), `/metrics`, `/healthz` (readiness: 503
 * while the store cannot serve) and `/livez` (liveness), routed with
 * find-my-way. Returns the router's lookup; unmatched requests go to `fallback`.
 */
export function createControlRoutes(options: {
  engine: Engine;
  clock: VirtualClock;
  metrics: Metrics;
  faults: FaultInjector;
  /** Webhook delivery per receiver, for `GET /api/webhooks` (docs/gateway.md). */
  webhooks?: () => ReceiverStats[];
  baseUrl: () => string;
  /** How the console's Try panel reaches this server (credentials, own certificate). */
  selfCall?: SelfCall;
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
}): { handle: (req: IncomingMessage, res: ServerResponse) => void; endStreams: () => void } {
  const { engine, clock, metrics, faults } = options;
  const control = engine.control;
  const router = Router<HTTPVersion.V1>({
    ignoreTrailingSlash: true,
    defaultRoute: (req, res) => options.fallback(req, res),
  });
  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: Handler) => {
    router.on(method, path, (req, res, params) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      handler(req, params, url).then(
        (value) => sendJson(res, value),
        (error: unknown) => {
          if (error instanceof HttpProblem) return sendProblem(res, error.status, error.code, error.message);
          if (error instanceof FaultsConfigError) {
            const detail = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
            return sendProblem(res, 400, 'INVALID_ARGUMENT', detail);
          }
          if (error instanceof MccError) {
            const status =
              error.code === 'NOT_FOUND'
                ? 404
                : error.code === 'INVALID_ARGUMENT' || error.code === 'NOT_SUPPORTED'
                  ? 400
                  : 500;
            return sendProblem(res, status, error.code, error.message);
          }
          sendProblem(res, 500, 'INTERNAL_ERROR', 'the request could not be completed');
        },
      );
    });
  };
  const streams = new Set<ServerResponse>();
  const clockState = () => ({ now: clock.now(), running: clock.running });

  // Readiness for a load balancer: 503 while the store cannot serve; liveness: the process answers.
  const readiness = createReadinessCheck(engine.store);
  router.on('GET', '/healthz', (_req, res) => {
    void readiness().then(({ ready, reason }) => {
      if (ready) return sendJson(res, { status: 'ok' });
      res.setHeader('retry-after', '1');
      sendJson(res, { status: 'unavailable', reason }, 503);
    });
  });
  router.on('GET', '/livez', (_req, res) => sendJson(res, { status: 'ok' }));
  router.on('GET', '/metrics', (_req, res) => {
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      },
      () => sendProblem(res, 500, 'INTERNAL_ERROR', 'metrics could not be collected'),
    );
  });
  router.on('GET', '/api/events/stream', (req, res, _params) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const header = req.headers['last-event-id'];
    const after = Number((Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('after') ?? 0);
    streamEvents(engine, req, res, Number.isSafeInteger(after) && after >= 0 ? after : 0, streams);
  });

  route('GET', '/api/snapshot', () => control.snapshot());
  route('GET', '/api/operations', async () => operationsCatalog());
  route('GET', '/api/sessions', async (_req, _p, url) => {
    const given = (key: string) => url.searchParams.get(key) || undefined;
    const query = parse(SessionsQueryParams, {
      status: url.searchParams.getAll('status'),
      serviceCode: given('serviceCode'),
      username: given('username'),
      channelId: given('channelId'),
      limit: given('limit'),
    });
    return (await control.listSessions(query)).map(toSessionView);
  });
  route('GET', '/api/sessions/:id', async (_req, p) => {
    const session = await control.getSession(p.id ?? '');
    if (!session) throw new HttpProblem(404, 'NOT_FOUND', `unknown session ${p.id}`);
    return toSessionView(session);
  });
  route('GET', '/api/events', async (_req, _p, url) =>
    control.readEvents(
      int(url.searchParams.get('after') ?? '0', 'after'),
      int(url.searchParams.get('limit') ?? '1000', 'limit'),
    ),
  );
  route('POST', '/api/agents/:username/channels/:channelId/login', async (req, p) => {
    const { ready } = parse(LoginBody, await readJson(req));
    await control.loginAgent(p.username ?? '', int(p.channelId, 'channelId'), { ready });
  });
  route('POST', '/api/agents/:username/channels/:channelId/logout', async (_req, p) => {
    await control.logoutAgent(p.username ?? '', int(p.channelId, 'channelId'));
  });
  route('PUT', '/api/agents/:username/channels/:channelId/ready', async (req, p) => {
    const { ready } = parse(ReadyBody, await readJson(req));
    await control.setAgentReady(p.username ?? '', int(p.channelId, 'channelId'), ready);
  });
  route('POST', '/api/sessions/:id/accept', async (_req, p) =>
    toSessionView(await control.acceptSession(p.id ?? '')),
  );
  route('POST', '/api/sessions/:id/decline', async (_req, p) =>
    toSessionView(await control.declineSession(p.id ?? '')),
  );
  route('POST', '/api/sessions/:id/close', async (_req, p) => {
    if (!(await control.getSession(p.id ?? '')))
      throw new HttpProblem(404, 'NOT_FOUND', `unknown session ${p.id}`);
    return control.closeSessionAsAgent(p.id ?? '');
  });
  route('PUT', '/api/sessions/:id/custom-message', async (req, p) => {
    const { message } = parse(CustomMessageBody, await readJson(req));
    return toSessionView(await control.setCustomMessage(p.id ?? '', message ?? undefined));
  });
  route('PUT', '/api/services/:code/out-of-service', async (req, p) => {
    const { outOfService } = parse(OutOfServiceBody, await readJson(req));
    await control.setServiceOutOfService(p.code ?? '', outOfService);
  });
  route('PUT', '/api/services/:code/channels/:channelId', async (req, p) => {
    const { enabled } = parse(EnabledBody, await readJson(req));
    await control.setServiceChannel(p.code ?? '', int(p.channelId, 'channelId'), enabled);
  });
  route('PUT', '/api/channels/:channelId/enabled', async (req, p) => {
    const { enabled } = parse(EnabledBody, await readJson(req));
    await control.setChannelEnabled(int(p.channelId, 'channelId'), enabled);
  });
  route('GET', '/api/clock', async () => clockState());
  route('POST', '/api/clock', async (req) => {
    const body = parse(ClockBody, await readJson(req));
    switch (body.action) {
      case 'pause':
        clock.pause();
        break;
      case 'resume':
        clock.resume();
        break;
      case 'advance':
        await clock.advance(body.ms);
        break;
      case 'set':
        if (body.time < clock.now())
          throw new HttpProblem(400, 'INVALID_ARGUMENT', 'time cannot go backwards');
        await clock.setTime(body.time);
        break;
    }
    return clockState();
  });
  route('POST', '/api/try', async (req) =>
    tryOperation(options.baseUrl(), await readJson(req), options.selfCall),
  );

  const operation = (name: string | undefined): OperationName => {
    if (!operationNames.includes(name as OperationName))
      throw new HttpProblem(404, 'NOT_FOUND', `there is no operation ${name} (${operationNames.join(', ')})`);
    return name as OperationName;
  };
  route('GET', '/api/webhooks', async () => ({ receivers: options.webhooks?.() ?? [] }));
  route('GET', '/api/faults', async () => faults.settings());
  route('PUT', '/api/faults', async (req) => faults.set(await readJson(req)));
  route('DELETE', '/api/faults', async () => faults.clear());
  route('GET', '/api/faults/catalog', async () => faultsCatalog());
  route('PUT', '/api/faults/operations/:operation', async (req, p) =>
    faults.setOperation(operation(p.operation), await readJson(req)),
  );
  route('DELETE', '/api/faults/operations/:operation', async (_req, p) =>
    faults.clear(operation(p.operation)),
  );

  return {
    handle: (req, res) => router.lookup(req, res),
    /** Ends the open event streams, which would otherwise hold a closing server open. */
    endStreams: () => {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
