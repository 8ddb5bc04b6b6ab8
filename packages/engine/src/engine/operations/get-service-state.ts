import { failed, type RequestOf, type ResultOf, type ServiceState } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { serviceStateOf } from '../service-state.js';

type Op = 'getServiceState';

/** getServiceState: the state of each asked service on a channel; FAILED if none is configured. */
export function getServiceState(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.readOperation('getServiceState', async (ctx) => {
    const channel = await e.directory.channel(ctx.tx, req.channelId);
    // A Map, then own properties: a service code named __proto__ is a key like any other
    // (issue 15, 8), and the answer is still a plain object.
    const states = new Map<string, ServiceState>();
    let known = 0;
    for (const code of req.serviceCodes) {
      try {
        const service = await e.directory.service(ctx.tx, code);
        if (service) known++;
        states.set(code, serviceStateOf(service, channel, ctx.now));
      } catch {
        states.set(code, 'FAILED');
      }
    }
    const state: Record<string, ServiceState> = Object.fromEntries(states);
    if (known === 0) {
      return {
        ...failed(
          'getServiceState',
          'SERVICE_STATE_NOT_FOUND',
          `none of ${req.serviceCodes.join(', ')} is configured`,
        ),
        state,
        channelId: req.channelId,
      };
    }
    return { result: 'SUCCESS', state, channelId: req.channelId };
  });
}
