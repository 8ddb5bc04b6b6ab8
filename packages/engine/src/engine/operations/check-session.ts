import type { RequestOf, ResultOf } from '@mcc/core';
import type { SessionRecord } from '../../model/session-record.js';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import { renderQueueMessage } from '../service-state.js';
import * as t from '../transitions.js';
import type { ReadCtx } from '../unit-of-work.js';

/** The custom message a session shows: the contact center's, or its service's queue message. */
async function customMessageOf(
  e: EngineParts,
  ctx: ReadCtx,
  session: SessionRecord,
): Promise<string | undefined> {
  let customMessage = session.customMessage;
  if (customMessage === undefined && t.isQueued(session)) {
    const template = e.directory.queueMessage(session.serviceCode);
    if (template) {
      const queue = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode: session.serviceCode });
      customMessage = renderQueueMessage(template, {
        position: queue.findIndex((s) => s.id === session.id) + 1,
        queueLength: queue.length,
        service: session.serviceCode,
      });
    }
  }
  return customMessage;
}

/** checkSession: the session's status, agent and custom message (a lock-free read). */
export function checkSession(
  e: EngineParts,
  req: RequestOf<'checkSession'>,
): Promise<ResultOf<'checkSession'>> {
  return e.work.readOperation('checkSession', async (ctx) => {
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session) refuse<'checkSession'>('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
    const customMessage = await customMessageOf(e, ctx, session);
    return {
      result: 'SUCCESS',
      sessionId: session.id,
      status: session.status,
      ...(session.username !== undefined ? { username: session.username } : {}),
      ...(customMessage !== undefined ? { customMessage } : {}),
    };
  });
}

/** checkSessionWithData: checkSession plus the session's start data and latest session data. */
export function checkSessionWithData(
  e: EngineParts,
  req: RequestOf<'checkSessionWithData'>,
): Promise<ResultOf<'checkSessionWithData'>> {
  return e.work.readOperation('checkSessionWithData', async (ctx) => {
    const session = await ctx.tx.getSession(req.sessionId);
    if (!session)
      refuse<'checkSessionWithData'>('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
    const customMessage = await customMessageOf(e, ctx, session);
    return {
      result: 'SUCCESS',
      sessionId: session.id,
      status: session.status,
      ...(session.username !== undefined ? { username: session.username } : {}),
      ...(customMessage !== undefined ? { customMessage } : {}),
      ...(session.data !== undefined ? { data: session.data } : {}),
      ...(session.sessionData !== undefined ? { sessionData: session.sessionData } : {}),
    };
  });
}
