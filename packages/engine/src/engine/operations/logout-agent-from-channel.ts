import type { RequestOf, ResultOf } from '@mcc/core';
import type { EngineParts } from '../engine-parts.js';
import { refuse } from '../refusal.js';

type Op = 'logoutAgentFromChannel';

/** logoutAgentFromChannel: logs a configured agent out of a channel it is logged in on. */
export function logoutAgentFromChannel(e: EngineParts, req: RequestOf<Op>): Promise<ResultOf<Op>> {
  return e.work.operation('logoutAgentFromChannel', async (ctx) => {
    await ctx.tx.lock('routing');
    const agent = e.directory.findAgent(req.agentUsername);
    if (!agent) refuse<Op>('INVALID_USERNAME', `unknown agent ${req.agentUsername}`);
    if (!agent.profiles.includes(req.channelId))
      refuse<Op>('INVALID_USER_PROFILES', `${req.agentUsername} has no profile for channel ${req.channelId}`);
    const runtime = await e.directory.agentRuntime(ctx.tx, agent.username);
    if (!runtime.channels[String(req.channelId)])
      refuse<Op>('USER_NOT_LOGGED', `${req.agentUsername} is not logged in on channel ${req.channelId}`);
    await e.routing.logout(ctx, agent, req.channelId);
    return { result: 'SUCCESS', channelId: req.channelId, agentUsername: agent.username };
  });
}
