import { faultResult, type RequestOf, type ResultOf } from '@mcc/core';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import { type RouteScope, routingLocks } from '../routing.js';
import * as t from '../transitions.js';

type Op = 'closeSession';

/** Whether closing the session frees an agent's capacity (and so may let routing book more). */
const holdsAgent = (s: SessionRecord | undefined) =>
  s?.username !== undefined && (s.status === 'BOOKED' || s.status === 'ASSIGNED');

/**
 * closeSession: closes a session (or starts its grace period); closing a CLOSED one succeeds.
 *
 * Only a close that frees an agent routes, and only for that agent: it takes `routing` shared and
 * the agent's lock (routing.ts, `lockScope`); any other close is serialised by the session's row
 * lock alone. A lock-free look before the transaction says which, so the locks come first, in the
 * engine's lock order. A session booked (or booked to another agent) between the look and the row
 * lock takes the agent's lock after the row lock — an order a router may cross, which the database
 * answers with a deadlock error; the store runs the transaction again, and the rerun takes
 * `routing` exclusively first and routes everything.
 */
export async function closeSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  let looked: SessionRecord | undefined;
  try {
    looked = await e.work.read((tx) => tx.getSession(req.sessionId));
  } catch (error) {
    // The store is failing: the close answers its storage fault, as its transaction would.
    return faultResult('closeSession', error);
  }
  let runs = 0;
  return e.work.operation('closeSession', async (ctx) => {
    let route: boolean | RouteScope = false;
    if (++runs > 1) {
      await ctx.tx.lock(routingLocks.all);
      route = true;
    } else if (holdsAgent(looked)) route = await e.routing.lockScope(ctx, [looked?.username as string]);
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('NOT_FOUND', `session ${req.sessionId} was not found`);
    if (t.isInProgress(session)) {
      if (session.closing) refuse<Op>('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
      const agent = holdsAgent(session) ? (session.username as string) : undefined;
      if (route !== true && agent !== undefined && !(route !== false && route.has(agent)))
        route = await e.routing.lockScope(ctx, [agent, ...(route || [])]);
      await e.routing.close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER', route);
    }
    return { result: 'SUCCESS', sessionId: session.id };
  });
}
