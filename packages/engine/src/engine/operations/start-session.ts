import type { RequestOf, ResultOf } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import * as t from '../transitions.js';
import { save } from '../unit-of-work.js';

type Op = 'startSession';

/** startSession: a NEW session on a configured, enabled channel and service, if a licence is free. */
export function startSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.operation('startSession', async (ctx) => {
    const channel = await e.directory.channel(ctx.tx, req.channelId);
    if (!channel.configured)
      refuse<Op>('UNKNOWN_CHANNEL_ID', `channel ${req.channelId} is not configured here`);
    if (!channel.enabled) refuse<Op>('CHANNEL_NOT_ENABLED', `channel ${req.channelId} is disabled`);
    const service = await e.directory.service(ctx.tx, req.serviceid);
    if (!service) refuse<Op>('UNKNOWN_SERVICE', `service ${req.serviceid} is not configured`);
    if (!service.channels.includes(req.channelId))
      refuse<Op>(
        'SERVICE_NOT_ENABLED',
        `service ${req.serviceid} is not enabled on channel ${req.channelId}`,
      );
    const session = t.created(
      {
        id: req.sessionId ?? e.generateId(),
        channelId: req.channelId,
        serviceCode: req.serviceid,
        data: req.data,
        description: req.description,
        contactId: req.contactId,
        contactValue: req.contactValue,
      },
      ctx.now,
      e.config.timers,
    );
    // The insert refuses a taken id (DUPLICATED_SESSION_ID comes before NO_LICENSE); then the
    // store's licence decision, without a lock on the whole channel (store.ts, claimLicence).
    // A refusal rolls the insert back.
    await save(ctx, undefined, session);
    if (!(await ctx.tx.claimLicence(req.channelId, channel.licences, session.id)))
      refuse<Op>('NO_LICENSE', `all ${channel.licences} licences of channel ${req.channelId} are in use`);
    return {
      result: 'SUCCESS',
      sessionId: session.id,
      ...(req.contactId !== undefined ? { contactId: req.contactId } : {}),
      ...(req.contactValue !== undefined ? { contactValue: req.contactValue } : {}),
    };
  });
}
