import { faultResult, type RequestOf, type ResultOf } from '@mcc/core';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import * as t from '../transitions.js';

type Op = 'closeSession';

/** Whether closing the session frees an agent's capacity (and so may let routing book more). */
const holdsAgent = (s: SessionRecord | undefined) =>
  s?.username !== undefined && (s.status === 'BOOKED' || s.status === 'ASSIGNED');

/**
 * closeSession: closes a session (or starts its grace period); closing a CLOSED one succeeds.
 *
 * Only a close that frees an agent takes the `routing` lock (then routes); any other close is
 * serialised by the session's row lock alone. A lock-free look before the transaction says which:
 * the lock is taken first, in the engine's lock order. A session booked between the look and the
 * row lock takes it after the row lock — a lock order a router may cross, which the database
 * answers with a deadlock error; the store runs the transaction again, taking `routing` first.
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
    // Run again by the store (after a deadlock): routing first, whatever the look said.
    let routing = ++runs > 1 || holdsAgent(looked);
    if (routing) await ctx.tx.lock('routing');
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('NOT_FOUND', `session ${req.sessionId} was not found`);
    if (t.isInProgress(session)) {
      if (session.closing) refuse<Op>('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
      if (!routing && holdsAgent(session)) {
        await ctx.tx.lock('routing');
        routing = true;
      }
      await e.routing.close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER', routing);
    }
    return { result: 'SUCCESS', sessionId: session.id };
  });
}
