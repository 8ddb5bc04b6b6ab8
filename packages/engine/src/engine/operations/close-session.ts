import type { RequestOf, ResultOf } from '@mcc/core';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import { type RouteScope, routingLocks } from '../routing.js';
import * as t from '../transitions.js';
import { runCounter } from '../unit-of-work.js';

type Op = 'closeSession';

/** Whether closing the session frees an agent's capacity (and so may let routing book more). */
const holdsAgent = (s: SessionRecord) =>
  s.username !== undefined && (s.status === 'BOOKED' || s.status === 'ASSIGNED');

/**
 * closeSession: closes a session (or starts its grace period); closing a CLOSED one succeeds.
 *
 * Only a close that frees an agent routes, and only for that agent: `routing` shared and the
 * agent's lock (routing.ts); any other close is serialised by the session's row lock alone. Which
 * agent is known only from the row, so the first run takes the row first and the agent's scope
 * without waiting (`tryLockScope`): waiting behind a row lock could close a cycle with a decision
 * that holds the scope and wants the row (a logout, another close of the agent). When the scope
 * is held elsewhere the run rolls back, and the second waits for the scope it learned, in the
 * engine's lock order, before the row. A session booked to another agent in between takes that
 * agent's lock after the row (a deadlock the store answers by a rerun); the third run and later
 * take `routing` exclusively and route everything.
 */
export function closeSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  const countRun = runCounter();
  /** The agent the first run found the session holding. */
  let learned: string | undefined;
  return e.work.operation('closeSession', async (ctx) => {
    const run = countRun(ctx);
    let route: boolean | RouteScope = false;
    if (run > 2) {
      await ctx.tx.lock(routingLocks.all);
      route = true;
    } else if (run === 2 && learned !== undefined) route = await e.routing.lockScope(ctx, [learned]);
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('NOT_FOUND', `session ${req.sessionId} was not found`);
    if (t.isInProgress(session)) {
      if (session.closing) refuse<Op>('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
      const agent = holdsAgent(session) ? (session.username as string) : undefined;
      if (route !== true && agent !== undefined && !(route !== false && route.has(agent))) {
        if (run === 1) {
          learned = agent;
          route = await e.routing.tryLockScope(ctx, [agent]);
        } else route = await e.routing.lockScope(ctx, [agent, ...(route || [])]);
      }
      await e.routing.close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER', route);
    }
    return { result: 'SUCCESS', sessionId: session.id };
  });
}
