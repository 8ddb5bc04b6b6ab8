import type { RequestOf, ResultOf } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import * as t from '../transitions.js';
import { emit, save } from '../unit-of-work.js';

type Op = 'setSessionData';

/** setSessionData: replaces (or with an empty value clears) the data of a session in progress. */
export function setSessionData(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.operation('setSessionData', async (ctx) => {
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<Op>('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
    if (!t.isInProgress(session)) refuse<Op>('SESSION_CLOSED', `session ${req.sessionId} is closed`);
    const next = await save(ctx, session, t.withSessionData(session, ctx.now, req.sessionData));
    emit(ctx, {
      type: 'session.data',
      sessionId: session.id,
      detail: { sessionData: next.sessionData ?? '' },
    });
    return {
      result: 'SUCCESS',
      sessionId: session.id,
      ...(next.sessionData !== undefined ? { sessionData: next.sessionData } : {}),
    };
  });
}
