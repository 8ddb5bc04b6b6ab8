import { MccError } from '@mcc/core';
import type { Clock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { DomainEvent } from '../model/domain-event.js';
import type { SessionQuery, SessionStore } from '../store/store.js';
import { type ChannelRuntime, type ServiceRuntime, stateKey } from './agent-state.js';
import type { ContactCenterControl } from './control.js';
import type { EngineParts } from './engine-parts.js';
import { closeSession } from './operations/close-session.js';
import { takeSnapshot } from './snapshot.js';
import * as t from './transitions.js';
import { type Ctx, emit, save } from './unit-of-work.js';

/** What the control needs besides the engine's parts. */
export interface ControlOptions {
  store: SessionStore;
  clock: Clock;
  /** The engine's event listeners (the control's `subscribe` adds to them). */
  listeners: Set<(event: DomainEvent) => void>;
}

/**
 * The contact-center side of one engine: agents, supervisors and the clock. Each change runs in one
 * transaction under the `routing` lock and routes afterwards, so a freed or new agent takes work.
 */
export function createControl(
  e: EngineParts,
  { store, clock, listeners }: ControlOptions,
): ContactCenterControl {
  const { directory, routing, work } = e;
  const bookedSession = async (ctx: Ctx, sessionId: string) => {
    const session = await directory.session(ctx.tx, sessionId);
    if (!t.isBooked(session))
      throw new MccError('INVALID_ARGUMENT', `session ${sessionId} is ${session.status}, not BOOKED`);
    return session;
  };
  const loggedIn = async (ctx: Ctx, username: string, channelId: number) => {
    const agent = directory.agent(username);
    const runtime = await directory.agentRuntime(ctx.tx, username);
    const login = runtime.channels[String(channelId)];
    if (!login)
      throw new MccError('INVALID_ARGUMENT', `${username} is not logged in on channel ${channelId}`);
    return { agent, runtime, login };
  };
  const routed = <T>(change: (ctx: Ctx) => Promise<T>) =>
    work.transact(async (ctx) => {
      await ctx.tx.lock('routing');
      const out = await change(ctx);
      await routing.route(ctx);
      return out;
    });
  const setRuntime = async <T extends object>(ctx: Ctx, key: string, patch: T) => {
    const prev = (await ctx.tx.getState<T>(key)) ?? {};
    await ctx.tx.putState(key, { ...prev, ...patch });
  };

  const control: ContactCenterControl = {
    loginAgent: (username, channelId, options) =>
      routed(async (ctx) => {
        const agent = directory.agent(username);
        if (!agent.profiles.includes(channelId))
          throw new MccError('INVALID_ARGUMENT', `${username} has no profile for channel ${channelId}`);
        await routing.login(ctx, agent, channelId, options?.ready ?? true);
      }),
    logoutAgent: (username, channelId) =>
      routed(async (ctx) => {
        const { agent } = await loggedIn(ctx, username, channelId);
        await routing.logout(ctx, agent, channelId);
      }),
    setAgentReady: (username, channelId, ready) =>
      routed(async (ctx) => {
        const { runtime, login } = await loggedIn(ctx, username, channelId);
        if (login.ready === ready) return;
        login.ready = ready;
        if (ready) login.idleSince = ctx.now;
        await ctx.tx.putState(stateKey.agent(username), runtime);
        emit(ctx, { type: 'agent.ready', username, channelId, detail: { ready } });
      }),
    acceptSession: (sessionId) =>
      routed(async (ctx) => {
        const session = await bookedSession(ctx, sessionId);
        return save(ctx, session, t.assigned(session, ctx.now));
      }),
    declineSession: (sessionId) =>
      routed(async (ctx) => {
        const session = await bookedSession(ctx, sessionId);
        emit(ctx, {
          type: 'session.message',
          sessionId,
          username: session.username,
          detail: { declined: true },
        });
        return routing.requeueAtHead(ctx, session);
      }).then(async (s) => (await control.getSession(s.id)) ?? s),
    closeSessionAsAgent: (sessionId) => closeSession(e, { sessionId, reason: 'REQUEST_FROM_CALLEE' }),
    setCustomMessage: (sessionId, message) =>
      work.transact(async (ctx) => {
        const session = await directory.session(ctx.tx, sessionId);
        const next = await save(ctx, session, t.withCustomMessage(session, ctx.now, message));
        emit(ctx, { type: 'session.message', sessionId, detail: { customMessage: message ?? '' } });
        return next;
      }),
    setServiceOutOfService: (code, outOfService) =>
      routed(async (ctx) => {
        if (!directory.hasService(code)) throw new MccError('NOT_FOUND', `unknown service ${code}`);
        await setRuntime<ServiceRuntime>(ctx, stateKey.service(code), { outOfService });
        emit(ctx, { type: 'service.switch', serviceCode: code, detail: { outOfService } });
      }),
    setServiceChannel: (code, channelId, enabled) =>
      routed(async (ctx) => {
        const service = await directory.service(ctx.tx, code);
        if (!service) throw new MccError('NOT_FOUND', `unknown service ${code}`);
        const channels = service.channels.filter((c) => c !== channelId);
        if (enabled) channels.push(channelId);
        await setRuntime<ServiceRuntime>(ctx, stateKey.service(code), {
          channels: channels.sort((a, b) => a - b),
        });
        emit(ctx, { type: 'service.switch', serviceCode: code, channelId, detail: { enabled } });
      }),
    setChannelEnabled: (channelId, enabled) =>
      routed(async (ctx) => {
        if (!directory.hasChannel(channelId))
          throw new MccError('NOT_FOUND', `channel ${channelId} is not configured`);
        await setRuntime<ChannelRuntime>(ctx, stateKey.channel(channelId), { enabled });
        emit(ctx, { type: 'channel.switch', channelId, detail: { enabled } });
      }),
    getSession: (sessionId) => store.read((tx) => tx.getSession(sessionId)),
    listSessions: (query: SessionQuery = {}) => store.read((tx) => tx.querySessions(query)),
    snapshot: () => store.read((tx) => takeSnapshot(e.config, directory, tx, clock.now())),
    readEvents: (afterSeq = 0, limit = 1000) => store.readEvents(afterSeq, limit),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    advanceTime: async (ms) => {
      if (!(clock instanceof VirtualClock))
        throw new MccError('NOT_SUPPORTED', 'time can only be moved on a virtual clock');
      await clock.advance(ms);
    },
  };
  return control;
}
