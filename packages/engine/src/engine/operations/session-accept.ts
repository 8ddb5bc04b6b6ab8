import type { RequestOf, ResultOf } from '@mcc/core';
import type { AgentConfig } from '../../config/schema.js';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import { type RouteScope, routingLocks } from '../routing.js';
import { type ServiceView, serviceStateOf } from '../service-state.js';
import * as t from '../transitions.js';
import { type Ctx, runCounter } from '../unit-of-work.js';

type Op = 'sessionAccept';

/**
 * sessionAccept: routes a NEW session — to the agent named in `user`, or into its service's queue
 * (booked at once if an agent is free) — while its service is ACTIVE on its channel. A session
 * past NEW is echoed with its status.
 *
 * A scoped decision over the session's service: `routing` shared, the service's lock and the
 * locks of every agent skilled in it (and of the named `user`); it routes those agents only. The
 * scope needs the session's service, so the first run takes the row first and the scope without
 * waiting (routing.ts, `tryLockScope`): waiting behind a row lock could close a cycle. When the
 * scope is held elsewhere (another accept of the service, a close freeing one of its agents) the
 * run rolls back and the second waits for the scope it learned, in the engine's lock order, before
 * the row. A session purged and started again with another service in between takes that
 * service's locks after the row (a deadlock the store answers by a rerun); the third run and later
 * take `routing` exclusively.
 */
export function sessionAccept(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  const named = req.user !== undefined ? e.directory.findAgent(req.user)?.username : undefined;
  const agentsOf = (service: string) => [...e.routing.agentsFor(service), ...(named ? [named] : [])];
  const countRun = runCounter();
  /** The service the first run found (the session's service never changes but by a purge). */
  let learned: string | undefined;
  return e.work.operation('sessionAccept', async (ctx) => {
    const run = countRun(ctx);
    let scope: RouteScope | undefined;
    if (run === 2 && learned !== undefined)
      scope = await e.routing.lockScope(ctx, agentsOf(learned), [learned]);
    else if (run > 1) await ctx.tx.lock(routingLocks.all);
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
    if (run === 1) {
      learned = session.serviceCode;
      scope = await e.routing.tryLockScope(ctx, agentsOf(session.serviceCode), [session.serviceCode]);
    } else if (scope && session.serviceCode !== learned)
      scope = await e.routing.lockScope(
        ctx,
        [...scope, ...agentsOf(session.serviceCode)],
        [learned as string, session.serviceCode],
      );
    if (t.isClosedOrClosing(session)) refuse<Op>('SESSION_CLOSED', `session ${req.sessionId} is closed`);
    const service = await e.directory.service(ctx.tx, session.serviceCode);
    if (!service?.channels.includes(session.channelId))
      refuse<Op>(
        'SERVICE_NOT_ENABLED',
        `service ${session.serviceCode} is not enabled on channel ${session.channelId}`,
      );
    if (!t.awaitsAcceptance(session))
      return { result: 'SUCCESS', sessionId: session.id, status: session.status };
    const state = serviceStateOf(service, await e.directory.channel(ctx.tx, session.channelId), ctx.now);
    if (state !== 'ACTIVE') refuse<Op>('REQUEST_REJECTED_BY_SERVICE', `service ${service.code} is ${state}`);
    const next =
      req.user !== undefined
        ? await bookToUser(e, ctx, session, service, req.user)
        : await enqueue(e, ctx, session, service, scope);
    return { result: 'SUCCESS', sessionId: next.id, status: next.status };
  });
}

/** Books the session to the named agent, if logged in on its channel, skilled and with room. */
async function bookToUser(
  e: EngineParts,
  ctx: Ctx,
  session: SessionRecord,
  service: ServiceView,
  user: string,
): Promise<SessionRecord> {
  const agent: AgentConfig | undefined = e.directory.findAgent(user);
  const login =
    agent && (await e.directory.agentRuntime(ctx.tx, agent.username)).channels[String(session.channelId)];
  if (!agent || !login)
    refuse<Op>(
      'REQUEST_REJECTED_BY_SERVICE',
      `${user} is not an agent logged in on channel ${session.channelId}`,
    );
  if (!agent.skills.includes(service.code))
    refuse<Op>('REQUEST_REJECTED_BY_SERVICE', `${user} has no skill for ${service.code}`);
  if (
    (await e.directory.load(ctx.tx, agent.username, session.channelId)) >=
    e.directory.capacity(agent, session.channelId)
  )
    refuse<Op>('REQUEST_REJECTED_BY_SERVICE', `${user} has no free capacity on channel ${session.channelId}`);
  return e.routing.book(ctx, session, agent);
}

/** Queues the session and routes; refused (rolled back) if it would wait in a full queue. */
async function enqueue(
  e: EngineParts,
  ctx: Ctx,
  session: SessionRecord,
  service: ServiceView,
  scope: RouteScope | undefined,
): Promise<SessionRecord> {
  const queued = await e.routing.enqueue(ctx, session);
  await e.routing.route(ctx, scope);
  const next = (await ctx.tx.getSession(session.id)) ?? queued;
  if (t.isQueued(next) && service.queueCapacity !== undefined) {
    const waiting = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode: service.code });
    if (waiting.length > service.queueCapacity)
      refuse<Op>(
        'REQUEST_REJECTED_BY_SERVICE',
        `the ${service.code} queue is full (${service.queueCapacity})`,
      );
  }
  return next;
}
