import type { RequestOf, ResultOf } from '@mcc/core';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import { type RouteScope, routingLocks } from '../routing.js';
import * as t from '../transitions.js';

type Op = 'closeSession';

/** Whether closing the session frees an agent's capacity (and so may let routing book more). */
const holdsAgent = (s: SessionRecord) =>
  s.username !== undefined && (s.status === 'BOOKED' || s.status === 'ASSIGNED');

/**
 * closeSession: closes a session (or starts its grace period); closing a CLOSED one succeeds.
 *
 * Only a close that frees an agent routes, and only for that agent. The first run takes the
 * session's row lock first (nothing else serialises a close that frees no agent), then — for a
 * session that holds an agent — `routing` shared and the agent's lock without waiting
 * (routing.ts, `tryLockScope`). If another decision over that agent holds them, it may be waiting
 * for this very row: the run rolls back and runs again, taking `routing` exclusively first and
 * routing everything. The store may rerun the work too (after a deadlock): that rerun is exclusive
 * as well.
 */
export function closeSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  let runs = 0;
  return e.work.operation('closeSession', async (ctx) => {
    const exclusive = ++runs > 1;
    if (exclusive) await ctx.tx.lock(routingLocks.all);
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('NOT_FOUND', `session ${req.sessionId} was not found`);
    if (t.isInProgress(session)) {
      if (session.closing) refuse<Op>('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
      let route: boolean | RouteScope = exclusive;
      if (!exclusive && holdsAgent(session))
        route = await e.routing.tryLockScope(ctx, [session.username as string]);
      await e.routing.close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER', route);
    }
    return { result: 'SUCCESS', sessionId: session.id };
  });
}
