import type { RequestOf, ResultOf } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import * as t from '../transitions.js';

type Op = 'closeSession';

/** closeSession: closes a session (or starts its grace period); closing a CLOSED one succeeds. */
export function closeSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.operation('closeSession', async (ctx) => {
    await ctx.tx.lock('routing');
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('NOT_FOUND', `session ${req.sessionId} was not found`);
    if (t.isInProgress(session)) {
      if (session.closing) refuse<Op>('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
      await e.routing.close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER');
    }
    return { result: 'SUCCESS', sessionId: session.id };
  });
}
