import type { RequestOf, ResultOf } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';
import * as t from '../transitions.js';
import { save } from '../unit-of-work.js';

type Op = 'startSession';

/** The value of a settled promise, or its rejection thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * startSession: a NEW session on a configured, enabled channel and service, if a licence is free.
 *
 * Everything the start needs from the store is issued at once, so that a store that batches
 * statements answers it in one round trip: the channel's and the service's switches, and —
 * speculatively, when the configuration knows both — the insert and the licence claim, which the
 * transaction rolls back if a switch refuses. Every call is settled before deciding, so nothing of
 * the transaction still runs when it ends. The refusals keep their order: unknown or disabled
 * channel, unknown service, service not on the channel, then a taken id (DUPLICATED_SESSION_ID
 * before NO_LICENSE), then no licence.
 */
export function startSession(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.operation('startSession', async (ctx) => {
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
    const licences = e.directory.licences(req.channelId);
    const speculate = e.directory.hasChannel(req.channelId) && e.directory.hasService(req.serviceid);
    const [channelRead, serviceRead, saved, licensed] = await Promise.allSettled([
      e.directory.channel(ctx.tx, req.channelId),
      e.directory.service(ctx.tx, req.serviceid),
      // The insert, and right behind it (not waiting for it) the store's licence decision, without a
      // lock on the whole channel (store.ts, claimLicence).
      speculate ? save(ctx, undefined, session) : undefined,
      speculate ? ctx.tx.claimLicence(req.channelId, licences, session.id) : false,
    ]);
    const channel = settled(channelRead);
    const service = settled(serviceRead);
    if (!channel.configured)
      refuse<Op>('UNKNOWN_CHANNEL_ID', `channel ${req.channelId} is not configured here`);
    if (!channel.enabled) refuse<Op>('CHANNEL_NOT_ENABLED', `channel ${req.channelId} is disabled`);
    if (!service) refuse<Op>('UNKNOWN_SERVICE', `service ${req.serviceid} is not configured`);
    if (!service.channels.includes(req.channelId))
      refuse<Op>(
        'SERVICE_NOT_ENABLED',
        `service ${req.serviceid} is not enabled on channel ${req.channelId}`,
      );
    settled(saved);
    if (!settled(licensed))
      refuse<Op>('NO_LICENSE', `all ${channel.licences} licences of channel ${req.channelId} are in use`);
    return {
      result: 'SUCCESS',
      sessionId: session.id,
      ...(req.contactId !== undefined ? { contactId: req.contactId } : {}),
      ...(req.contactValue !== undefined ? { contactValue: req.contactValue } : {}),
    };
  });
}
