import type { FailReasonOf, MccService, OperationName, RequestOf, ResultOf, ServiceState } from '@mcc/core';
import { failed, faultResult, MccError } from '@mcc/core';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { systemClock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { demoConfig } from '../config/demo.js';
import {
  type AgentConfig,
  type ContactCenterConfig,
  type ContactCenterConfigInput,
  parseContactCenterConfig,
} from '../config/schema.js';
import type { DomainEvent, DomainEventInput } from '../model/domain-event.js';
import type { SessionRecord } from '../model/session-record.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { SessionQuery, SessionStore, StoreReadTx, StoreTx } from '../store/store.js';
import { type AgentRuntime, type ChannelRuntime, type ServiceRuntime, stateKey } from './agent-state.js';
import type { ContactCenterControl, ContactCenterSnapshot } from './control.js';
import { type ChannelView, renderQueueMessage, type ServiceView, serviceStateOf } from './service-state.js';
import * as t from './transitions.js';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** The contact center (validated here). Default: the demo contact center. */
  config?: ContactCenterConfig | ContactCenterConfigInput;
  /** Where sessions live. Default: a new memory store. */
  store?: SessionStore;
  /** Time source. Default: the system clock; pass a `VirtualClock` for tests and the simulator. */
  clock?: Clock;
  /** Makes session ids for starts without one. Default `crypto.randomUUID`. */
  generateId?: () => string;
  /**
   * Also look for due timers in the store this often (ms). Needed when several engines share a
   * store, so that timers set by another node fire here too. Default: off.
   */
  timerPollMs?: number;
  /** Told about failures of background work (timers). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** The reference MCC: an `MccService` over a store, plus the contact-center control. */
export interface Engine extends MccService {
  readonly config: ContactCenterConfig;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly control: ContactCenterControl;
  /** Stops timers and closes the store. */
  close(): Promise<void>;
}

/** A business failure raised inside a transaction: it rolls the transaction back. */
class Refusal {
  constructor(
    readonly reason: string,
    readonly detail?: string,
  ) {}
}

function refuse(reason: string, detail?: string): never {
  throw new Refusal(reason, detail);
}

const OPEN_BOOKINGS = ['BOOKED', 'ASSIGNED'] as const;
const TIMER_BATCH = 100;
const TIMER_RETRY_MS = 1000;

/** What one transaction of the engine sees: the store transaction, the time, and its events. */
/** What a read-only operation sees: the store's reads and the time. */
interface ReadCtx {
  tx: StoreReadTx;
  now: number;
}

interface Ctx {
  tx: StoreTx;
  now: number;
  events: DomainEventInput[];
  /** Earliest timer the transaction wrote. */
  wake?: number;
}

/**
 * Creates the reference engine: the behaviour of semantics.md over any store and clock. Applies
 * the configuration's start-up logins once per store, and arms the timers found in the store.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const engine = new ReferenceEngine(options);
  await engine.start();
  return engine;
}

class ReferenceEngine implements Engine {
  readonly config: ContactCenterConfig;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly control: ContactCenterControl;
  readonly #channels = new Map<number, ContactCenterConfig['channels'][number]>();
  readonly #services = new Map<string, ContactCenterConfig['services'][number]>();
  readonly #agents = new Map<string, AgentConfig>();
  readonly #listeners = new Set<(event: DomainEvent) => void>();
  readonly #generateId: () => string;
  readonly #onError: (error: unknown) => void;
  #timer: TimerHandle | undefined;
  #timerAt: number | undefined;
  #poll: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: EngineOptions) {
    this.config = options.config ? parseContactCenterConfig(options.config) : demoConfig;
    this.store = options.store ?? createMemoryStore();
    this.clock = options.clock ?? systemClock;
    this.#generateId = options.generateId ?? (() => globalThis.crypto.randomUUID());
    this.#onError = options.onError ?? (() => {});
    for (const c of this.config.channels) this.#channels.set(c.id, c);
    for (const s of this.config.services) this.#services.set(s.code, s);
    for (const a of this.config.agents) this.#agents.set(a.username, a);
    this.control = this.#makeControl();
    if (options.timerPollMs) {
      this.#poll = setInterval(() => void this.#runDue(), options.timerPollMs);
      this.#poll.unref?.();
    }
  }

  async start(): Promise<void> {
    await this.#transact(async (ctx) => {
      await ctx.tx.lock('routing');
      if (await ctx.tx.getState(stateKey.initialised)) return;
      await ctx.tx.putState(stateKey.initialised, { at: ctx.now });
      for (const agent of this.config.agents) {
        for (const channelId of agent.loggedInAtStart) await this.#login(ctx, agent, channelId, true);
      }
      await this.#route(ctx);
    });
    const next = await this.store.transaction((tx) => tx.nextTimerAt());
    if (next !== undefined) this.#wakeAt(next);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#timer?.cancel();
    clearInterval(this.#poll);
    await this.store.close();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  /** Runs `work` in one store transaction, then publishes its events and arms its timers. */
  async #transact<T>(work: (ctx: Ctx) => Promise<T>): Promise<T> {
    let ctx!: Ctx;
    const committed: DomainEvent[] = [];
    const result = await this.store.transaction(async (tx) => {
      ctx = { tx, now: this.clock.now(), events: [] };
      committed.length = 0;
      const out = await work(ctx);
      for (const e of ctx.events) committed.push(await tx.appendEvent(e));
      return out;
    });
    if (ctx.wake !== undefined) this.#wakeAt(ctx.wake);
    for (const event of committed) for (const listener of this.#listeners) listener(event);
    return result;
  }

  /** Runs an MCC operation: refusals become FAILED results, store failures the op's fault reason. */
  async #operation<N extends OperationName>(operation: N, work: (ctx: Ctx) => Promise<ResultOf<N>>) {
    try {
      return await this.#transact(work);
    } catch (error) {
      if (error instanceof Refusal)
        return failed(operation, error.reason as FailReasonOf<N> as never, error.detail);
      return faultResult(operation, error);
    }
  }

  /** Runs a read-only MCC operation through the store's lock-free reads. */
  async #readOperation<N extends OperationName>(
    operation: N,
    work: (ctx: ReadCtx) => Promise<ResultOf<N>>,
  ): Promise<ResultOf<N>> {
    try {
      return await this.store.read((tx) => work({ tx, now: this.clock.now() }));
    } catch (error) {
      if (error instanceof Refusal)
        return failed(operation, error.reason as FailReasonOf<N> as never, error.detail);
      return faultResult(operation, error);
    }
  }

  #emit(ctx: Ctx, event: Omit<DomainEventInput, 'at'>) {
    ctx.events.push({ ...event, at: ctx.now });
  }

  async #save(ctx: Ctx, prev: SessionRecord | undefined, next: SessionRecord): Promise<SessionRecord> {
    if (prev) await ctx.tx.updateSession(next);
    else if (!(await ctx.tx.insertSession(next)))
      refuse('DUPLICATED_SESSION_ID', `session ${next.id} already exists`);
    if (next.timerAt !== undefined && (ctx.wake === undefined || next.timerAt < ctx.wake))
      ctx.wake = next.timerAt;
    if (!prev) {
      this.#emit(ctx, {
        type: 'session.started',
        sessionId: next.id,
        channelId: next.channelId,
        serviceCode: next.serviceCode,
        status: next.status,
      });
    } else if (prev.status !== next.status || prev.username !== next.username) {
      this.#emit(ctx, {
        type: 'session.status',
        sessionId: next.id,
        channelId: next.channelId,
        serviceCode: next.serviceCode,
        from: prev.status,
        status: next.status,
        ...(next.username !== undefined ? { username: next.username } : {}),
        ...(next.closeCause && next.status === 'CLOSED' ? { detail: { cause: next.closeCause } } : {}),
      });
    }
    return next;
  }

  #wakeAt(at: number) {
    if (this.#closed || (this.#timerAt !== undefined && this.#timerAt <= at)) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = this.clock.setTimer(at, () => this.#runDue());
  }

  // ---- views of configuration + runtime switches ---------------------------------------------

  async #channel(tx: StoreReadTx, id: number): Promise<ChannelView & { name?: string }> {
    const cfg = this.#channels.get(id);
    if (!cfg) return { id, configured: false, enabled: false, licences: 0 };
    const runtime = await tx.getState<ChannelRuntime>(stateKey.channel(id));
    return {
      id,
      name: cfg.name,
      configured: true,
      enabled: runtime?.enabled ?? cfg.enabled,
      licences: cfg.licences,
    };
  }

  async #service(tx: StoreReadTx, code: string): Promise<ServiceView | undefined> {
    const cfg = this.#services.get(code);
    if (!cfg) return undefined;
    const runtime = await tx.getState<ServiceRuntime>(stateKey.service(code));
    return runtime ? { ...cfg, ...runtime } : cfg;
  }

  #agent(username: string): AgentConfig {
    const agent = this.#agents.get(username);
    if (!agent) throw new MccError('NOT_FOUND', `unknown agent ${username}`);
    return agent;
  }

  #capacity(agent: AgentConfig, channelId: number): number {
    return typeof agent.capacity === 'number' ? agent.capacity : (agent.capacity[String(channelId)] ?? 1);
  }

  async #agentRuntime(tx: StoreReadTx, username: string): Promise<AgentRuntime> {
    return (await tx.getState<AgentRuntime>(stateKey.agent(username))) ?? { channels: {} };
  }

  async #load(tx: StoreReadTx, username: string, channelId: number): Promise<number> {
    return (await tx.querySessions({ username, channelId, status: OPEN_BOOKINGS })).length;
  }

  async #session(ctx: Ctx, id: string | undefined): Promise<SessionRecord> {
    const session = id === undefined ? undefined : await ctx.tx.getSession(id);
    if (!session) throw new MccError('NOT_FOUND', `unknown session ${id}`);
    return session;
  }

  // ---- routing ---------------------------------------------------------------------------------

  /** A queue key that puts a session after (or, `atHead`, before) every session of its service's queue. */
  async #nextQueueKey(ctx: Ctx, serviceCode: string, atHead: boolean): Promise<number> {
    const queue = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode });
    if (atHead) return Math.min(queue[0]?.queueKey ?? ctx.now, ctx.now) - 1;
    return Math.max((queue.at(-1)?.queueKey ?? ctx.now - 1) + 1, ctx.now);
  }

  async #book(ctx: Ctx, session: SessionRecord, agent: AgentConfig): Promise<SessionRecord> {
    let next = await this.#save(
      ctx,
      session,
      t.booked(session, ctx.now, agent.username, agent.autoAnswer, this.config.timers),
    );
    const runtime = await this.#agentRuntime(ctx.tx, agent.username);
    const login = runtime.channels[String(session.channelId)];
    if (login) {
      login.idleSince = ctx.now;
      await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    }
    if (agent.autoAnswer === 0) next = await this.#save(ctx, next, t.assigned(next, ctx.now));
    return next;
  }

  /**
   * Books queued sessions, FIFO per service, each to the longest-idle agent that is logged in and
   * ready on its channel, has the skill and has capacity there. Sessions whose channel has no such
   * agent wait without blocking the queue for other channels.
   */
  async #route(ctx: Ctx): Promise<void> {
    // Free agents first: when none is free (the usual state of a busy contact center) the queue,
    // however long, is not read at all.
    const free = new Map<string, { agent: AgentConfig; idleSince: number; room: number }>();
    for (const agent of this.config.agents) {
      const runtime = await this.#agentRuntime(ctx.tx, agent.username);
      for (const [ch, login] of Object.entries(runtime.channels)) {
        if (!login.ready) continue;
        const room =
          this.#capacity(agent, Number(ch)) - (await this.#load(ctx.tx, agent.username, Number(ch)));
        if (room > 0) free.set(`${agent.username}@${ch}`, { agent, idleSince: login.idleSince, room });
      }
    }
    if (free.size === 0) return;
    const queue = await ctx.tx.querySessions({ status: ['QUEUED'] });
    for (const session of queue) {
      let best: { key: string; agent: AgentConfig; idleSince: number; room: number } | undefined;
      for (const [key, candidate] of free) {
        if (!key.endsWith(`@${session.channelId}`) || !candidate.agent.skills.includes(session.serviceCode))
          continue;
        if (
          !best ||
          candidate.idleSince < best.idleSince ||
          (candidate.idleSince === best.idleSince && candidate.agent.username < best.agent.username)
        )
          best = { key, ...candidate };
      }
      if (!best) continue;
      await this.#book(ctx, session, best.agent);
      if (best.room > 1) free.set(best.key, { agent: best.agent, idleSince: ctx.now, room: best.room - 1 });
      else free.delete(best.key);
      if (free.size === 0) return;
    }
  }

  async #requeueAtHead(ctx: Ctx, session: SessionRecord): Promise<SessionRecord> {
    return this.#save(
      ctx,
      session,
      t.queued(session, ctx.now, await this.#nextQueueKey(ctx, session.serviceCode, true)),
    );
  }

  async #login(ctx: Ctx, agent: AgentConfig, channelId: number, ready: boolean): Promise<void> {
    const runtime = await this.#agentRuntime(ctx.tx, agent.username);
    runtime.channels[String(channelId)] = { ready, idleSince: ctx.now };
    await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    this.#emit(ctx, { type: 'agent.login', username: agent.username, channelId, detail: { ready } });
  }

  async #logout(ctx: Ctx, agent: AgentConfig, channelId: number): Promise<void> {
    const runtime = await this.#agentRuntime(ctx.tx, agent.username);
    delete runtime.channels[String(channelId)];
    await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    this.#emit(ctx, { type: 'agent.logout', username: agent.username, channelId });
    const booked = await ctx.tx.querySessions({ username: agent.username, channelId, status: ['BOOKED'] });
    for (const session of booked.reverse()) await this.#requeueAtHead(ctx, session);
    await this.#route(ctx);
  }

  async #close(ctx: Ctx, session: SessionRecord, reason: 'REQUEST_FROM_CALLER' | 'REQUEST_FROM_CALLEE') {
    const grace = this.config.timers.closeGracePeriodMs;
    if (grace > 0) return this.#save(ctx, session, t.closing(session, ctx.now, reason, grace));
    const done = await this.#save(ctx, session, t.closed(session, ctx.now, reason, this.config.timers));
    await this.#route(ctx);
    return done;
  }

  // ---- timers ----------------------------------------------------------------------------------

  async #runDue(): Promise<void> {
    if (this.#closed) return;
    this.#timer = undefined;
    this.#timerAt = undefined;
    try {
      for (;;) {
        const handled = await this.#transact(async (ctx) => {
          await ctx.tx.lock('routing');
          const due = await ctx.tx.dueSessions(ctx.now, TIMER_BATCH);
          for (const session of due) await this.#fire(ctx, session);
          if (due.length) await this.#route(ctx);
          return due.length;
        });
        if (handled < TIMER_BATCH) break;
      }
      const next = await this.store.transaction((tx) => tx.nextTimerAt());
      if (next !== undefined) this.#wakeAt(next);
    } catch (error) {
      if (this.#closed) return;
      this.#onError(error);
      this.#wakeAt(this.clock.now() + TIMER_RETRY_MS);
    }
  }

  async #fire(ctx: Ctx, s: SessionRecord): Promise<void> {
    const timers = this.config.timers;
    switch (s.timer) {
      case 'expire':
        if (s.status === 'NEW') await this.#save(ctx, s, t.closed(s, ctx.now, 'EXPIRED', timers));
        break;
      case 'autoAnswer':
        if (s.status === 'BOOKED') await this.#save(ctx, s, t.assigned(s, ctx.now));
        break;
      case 'bookingTimeout': {
        if (s.status !== 'BOOKED' || !s.username) break;
        // Redirect on no answer: the agent is made not ready there, the session goes back first.
        const runtime = await this.#agentRuntime(ctx.tx, s.username);
        const login = runtime.channels[String(s.channelId)];
        if (login?.ready) {
          login.ready = false;
          await ctx.tx.putState(stateKey.agent(s.username), runtime);
          this.#emit(ctx, {
            type: 'agent.ready',
            username: s.username,
            channelId: s.channelId,
            detail: { ready: false, cause: 'bookingTimeout' },
          });
        }
        await this.#requeueAtHead(ctx, s);
        break;
      }
      case 'finishClose':
        if (s.status !== 'CLOSED')
          await this.#save(ctx, s, t.closed(s, ctx.now, s.closing?.reason ?? 'REQUEST_FROM_CALLER', timers));
        break;
      case 'purge':
        await ctx.tx.deleteSession(s.id);
        this.#emit(ctx, {
          type: 'session.purged',
          sessionId: s.id,
          channelId: s.channelId,
          serviceCode: s.serviceCode,
        });
        break;
      default:
        break;
    }
  }

  // ---- MCC operations --------------------------------------------------------------------------

  startSession(req: RequestOf<'startSession'>): Promise<ResultOf<'startSession'>> {
    return this.#operation('startSession', async (ctx) => {
      const channel = await this.#channel(ctx.tx, req.channelId);
      if (!channel.configured)
        refuse('UNKNOWN_CHANNEL_ID', `channel ${req.channelId} is not configured here`);
      if (!channel.enabled) refuse('CHANNEL_NOT_ENABLED', `channel ${req.channelId} is disabled`);
      const service = await this.#service(ctx.tx, req.serviceid);
      if (!service) refuse('UNKNOWN_SERVICE', `service ${req.serviceid} is not configured`);
      if (!service.channels.includes(req.channelId))
        refuse('SERVICE_NOT_ENABLED', `service ${req.serviceid} is not enabled on channel ${req.channelId}`);
      await ctx.tx.lock(`channel:${req.channelId}`);
      if (req.sessionId !== undefined && (await ctx.tx.getSession(req.sessionId)))
        refuse('DUPLICATED_SESSION_ID', `session ${req.sessionId} already exists`);
      const open = await ctx.tx.countOpenSessions(req.channelId);
      if (open >= channel.licences)
        refuse('NO_LICENSE', `channel ${req.channelId} has ${open} of ${channel.licences} licences in use`);
      const session = t.created(
        {
          id: req.sessionId ?? this.#generateId(),
          channelId: req.channelId,
          serviceCode: req.serviceid,
          data: req.data,
          description: req.description,
          contactId: req.contactId,
          contactValue: req.contactValue,
        },
        ctx.now,
        this.config.timers,
      );
      await this.#save(ctx, undefined, session);
      const result: ResultOf<'startSession'> = { result: 'SUCCESS', sessionId: session.id };
      if (req.contactId !== undefined) result.contactId = req.contactId;
      if (req.contactValue !== undefined) result.contactValue = req.contactValue;
      return result;
    });
  }

  sessionAccept(req: RequestOf<'sessionAccept'>): Promise<ResultOf<'sessionAccept'>> {
    return this.#operation('sessionAccept', async (ctx) => {
      await ctx.tx.lock('routing');
      const session = await ctx.tx.getSession(req.sessionId);
      if (!session) refuse('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
      if (session.status === 'CLOSED' || session.closing)
        refuse('SESSION_CLOSED', `session ${req.sessionId} is closed`);
      const service = await this.#service(ctx.tx, session.serviceCode);
      if (!service?.channels.includes(session.channelId))
        refuse(
          'SERVICE_NOT_ENABLED',
          `service ${session.serviceCode} is not enabled on channel ${session.channelId}`,
        );
      if (session.status !== 'NEW')
        return { result: 'SUCCESS', sessionId: session.id, status: session.status };
      const state = serviceStateOf(service, await this.#channel(ctx.tx, session.channelId), ctx.now);
      if (state !== 'ACTIVE') refuse('REQUEST_REJECTED_BY_SERVICE', `service ${service.code} is ${state}`);
      let next: SessionRecord;
      if (req.user !== undefined) {
        const agent = this.#agents.get(req.user);
        const login =
          agent && (await this.#agentRuntime(ctx.tx, agent.username)).channels[String(session.channelId)];
        if (!agent || !login)
          refuse(
            'REQUEST_REJECTED_BY_SERVICE',
            `${req.user} is not an agent logged in on channel ${session.channelId}`,
          );
        if (!agent.skills.includes(service.code))
          refuse('REQUEST_REJECTED_BY_SERVICE', `${req.user} has no skill for ${service.code}`);
        if (
          (await this.#load(ctx.tx, agent.username, session.channelId)) >=
          this.#capacity(agent, session.channelId)
        )
          refuse(
            'REQUEST_REJECTED_BY_SERVICE',
            `${req.user} has no free capacity on channel ${session.channelId}`,
          );
        next = await this.#book(ctx, session, agent);
      } else {
        next = await this.#save(
          ctx,
          session,
          t.queued(session, ctx.now, await this.#nextQueueKey(ctx, service.code, false)),
        );
        await this.#route(ctx);
        next = (await ctx.tx.getSession(session.id)) ?? next;
        if (next.status === 'QUEUED' && service.queueCapacity !== undefined) {
          const waiting = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode: service.code });
          if (waiting.length > service.queueCapacity)
            refuse(
              'REQUEST_REJECTED_BY_SERVICE',
              `the ${service.code} queue is full (${service.queueCapacity})`,
            );
        }
      }
      return { result: 'SUCCESS', sessionId: next.id, status: next.status };
    });
  }

  async #check(ctx: ReadCtx, sessionId: string) {
    const session = await ctx.tx.getSession(sessionId);
    if (!session) refuse('INVALID_SESSION_ID', `session ${sessionId} does not exist`);
    let customMessage = session.customMessage;
    if (customMessage === undefined && session.status === 'QUEUED') {
      const template = this.#services.get(session.serviceCode)?.queueMessage;
      if (template) {
        const queue = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode: session.serviceCode });
        customMessage = renderQueueMessage(template, {
          position: queue.findIndex((s) => s.id === session.id) + 1,
          queueLength: queue.length,
          service: session.serviceCode,
        });
      }
    }
    return { session, customMessage };
  }

  checkSession(req: RequestOf<'checkSession'>): Promise<ResultOf<'checkSession'>> {
    return this.#readOperation('checkSession', async (ctx) => {
      const { session, customMessage } = await this.#check(ctx, req.sessionId);
      const result: ResultOf<'checkSession'> = {
        result: 'SUCCESS',
        sessionId: session.id,
        status: session.status,
      };
      if (session.username !== undefined) result.username = session.username;
      if (customMessage !== undefined) result.customMessage = customMessage;
      return result;
    });
  }

  checkSessionWithData(req: RequestOf<'checkSessionWithData'>): Promise<ResultOf<'checkSessionWithData'>> {
    return this.#readOperation('checkSessionWithData', async (ctx) => {
      const { session, customMessage } = await this.#check(ctx, req.sessionId);
      const result: ResultOf<'checkSessionWithData'> = {
        result: 'SUCCESS',
        sessionId: session.id,
        status: session.status,
      };
      if (session.username !== undefined) result.username = session.username;
      if (customMessage !== undefined) result.customMessage = customMessage;
      if (session.data !== undefined) result.data = session.data;
      if (session.sessionData !== undefined) result.sessionData = session.sessionData;
      return result;
    });
  }

  setSessionData(req: RequestOf<'setSessionData'>): Promise<ResultOf<'setSessionData'>> {
    return this.#operation('setSessionData', async (ctx) => {
      const session = await ctx.tx.getSession(req.sessionId);
      if (!session) refuse('INVALID_SESSION_ID', `session ${req.sessionId} does not exist`);
      if (session.status === 'CLOSED') refuse('SESSION_CLOSED', `session ${req.sessionId} is closed`);
      const next = await this.#save(ctx, session, t.withSessionData(session, ctx.now, req.sessionData));
      this.#emit(ctx, {
        type: 'session.data',
        sessionId: session.id,
        detail: { sessionData: next.sessionData ?? '' },
      });
      const result: ResultOf<'setSessionData'> = { result: 'SUCCESS', sessionId: session.id };
      if (next.sessionData !== undefined) result.sessionData = next.sessionData;
      return result;
    });
  }

  closeSession(req: RequestOf<'closeSession'>): Promise<ResultOf<'closeSession'>> {
    return this.#operation('closeSession', async (ctx) => {
      await ctx.tx.lock('routing');
      const session = await ctx.tx.getSession(req.sessionId);
      if (!session) refuse('NOT_FOUND', `session ${req.sessionId} was not found`);
      if (session.status !== 'CLOSED') {
        if (session.closing) refuse('IS_PENDING', `a close of session ${req.sessionId} is in progress`);
        await this.#close(ctx, session, req.reason ?? 'REQUEST_FROM_CALLER');
      }
      return { result: 'SUCCESS', sessionId: session.id };
    });
  }

  getServiceState(req: RequestOf<'getServiceState'>): Promise<ResultOf<'getServiceState'>> {
    return this.#readOperation('getServiceState', async (ctx) => {
      const channel = await this.#channel(ctx.tx, req.channelId);
      // Null prototype: a service code named __proto__ is a key like any other (issue 15, 8).
      const state: Record<string, ServiceState> = Object.create(null);
      let known = 0;
      for (const code of req.serviceCodes) {
        try {
          const service = await this.#service(ctx.tx, code);
          if (service) known++;
          state[code] = serviceStateOf(service, channel, ctx.now);
        } catch {
          state[code] = 'FAILED';
        }
      }
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

  logoutAgentFromChannel(
    req: RequestOf<'logoutAgentFromChannel'>,
  ): Promise<ResultOf<'logoutAgentFromChannel'>> {
    return this.#operation('logoutAgentFromChannel', async (ctx) => {
      await ctx.tx.lock('routing');
      const agent = this.#agents.get(req.agentUsername);
      if (!agent) refuse('INVALID_USERNAME', `unknown agent ${req.agentUsername}`);
      if (!agent.profiles.includes(req.channelId))
        refuse('INVALID_USER_PROFILES', `${req.agentUsername} has no profile for channel ${req.channelId}`);
      const runtime = await this.#agentRuntime(ctx.tx, agent.username);
      if (!runtime.channels[String(req.channelId)])
        refuse('USER_NOT_LOGGED', `${req.agentUsername} is not logged in on channel ${req.channelId}`);
      await this.#logout(ctx, agent, req.channelId);
      return { result: 'SUCCESS', channelId: req.channelId, agentUsername: agent.username };
    });
  }

  // ---- contact-center control ------------------------------------------------------------------

  #makeControl(): ContactCenterControl {
    const bookedSession = async (ctx: Ctx, sessionId: string) => {
      const session = await this.#session(ctx, sessionId);
      if (session.status !== 'BOOKED' || !session.username)
        throw new MccError('INVALID_ARGUMENT', `session ${sessionId} is ${session.status}, not BOOKED`);
      return session;
    };
    const loggedIn = async (ctx: Ctx, username: string, channelId: number) => {
      const agent = this.#agent(username);
      const runtime = await this.#agentRuntime(ctx.tx, username);
      const login = runtime.channels[String(channelId)];
      if (!login)
        throw new MccError('INVALID_ARGUMENT', `${username} is not logged in on channel ${channelId}`);
      return { agent, runtime, login };
    };
    const routed = <T>(work: (ctx: Ctx) => Promise<T>) =>
      this.#transact(async (ctx) => {
        await ctx.tx.lock('routing');
        const out = await work(ctx);
        await this.#route(ctx);
        return out;
      });
    const setRuntime = async <T extends object>(ctx: Ctx, key: string, patch: T) => {
      const prev = (await ctx.tx.getState<T>(key)) ?? {};
      await ctx.tx.putState(key, { ...prev, ...patch });
    };

    return {
      loginAgent: (username, channelId, options) =>
        routed(async (ctx) => {
          const agent = this.#agent(username);
          if (!agent.profiles.includes(channelId))
            throw new MccError('INVALID_ARGUMENT', `${username} has no profile for channel ${channelId}`);
          await this.#login(ctx, agent, channelId, options?.ready ?? true);
        }),
      logoutAgent: (username, channelId) =>
        routed(async (ctx) => {
          const { agent } = await loggedIn(ctx, username, channelId);
          await this.#logout(ctx, agent, channelId);
        }),
      setAgentReady: (username, channelId, ready) =>
        routed(async (ctx) => {
          const { runtime, login } = await loggedIn(ctx, username, channelId);
          if (login.ready === ready) return;
          login.ready = ready;
          if (ready) login.idleSince = ctx.now;
          await ctx.tx.putState(stateKey.agent(username), runtime);
          this.#emit(ctx, { type: 'agent.ready', username, channelId, detail: { ready } });
        }),
      acceptSession: (sessionId) =>
        routed(async (ctx) => {
          const session = await bookedSession(ctx, sessionId);
          return this.#save(ctx, session, t.assigned(session, ctx.now));
        }),
      declineSession: (sessionId) =>
        routed(async (ctx) => {
          const session = await bookedSession(ctx, sessionId);
          this.#emit(ctx, {
            type: 'session.message',
            sessionId,
            username: session.username,
            detail: { declined: true },
          });
          return this.#requeueAtHead(ctx, session);
        }).then(async (s) => (await this.control.getSession(s.id)) ?? s),
      closeSessionAsAgent: (sessionId) => this.closeSession({ sessionId, reason: 'REQUEST_FROM_CALLEE' }),
      setCustomMessage: (sessionId, message) =>
        this.#transact(async (ctx) => {
          const session = await this.#session(ctx, sessionId);
          const next = await this.#save(ctx, session, t.withCustomMessage(session, ctx.now, message));
          this.#emit(ctx, { type: 'session.message', sessionId, detail: { customMessage: message ?? '' } });
          return next;
        }),
      setServiceOutOfService: (code, outOfService) =>
        routed(async (ctx) => {
          if (!this.#services.has(code)) throw new MccError('NOT_FOUND', `unknown service ${code}`);
          await setRuntime<ServiceRuntime>(ctx, stateKey.service(code), { outOfService });
          this.#emit(ctx, { type: 'service.switch', serviceCode: code, detail: { outOfService } });
        }),
      setServiceChannel: (code, channelId, enabled) =>
        routed(async (ctx) => {
          const service = await this.#service(ctx.tx, code);
          if (!service) throw new MccError('NOT_FOUND', `unknown service ${code}`);
          const channels = service.channels.filter((c) => c !== channelId);
          if (enabled) channels.push(channelId);
          await setRuntime<ServiceRuntime>(ctx, stateKey.service(code), {
            channels: channels.sort((a, b) => a - b),
          });
          this.#emit(ctx, { type: 'service.switch', serviceCode: code, channelId, detail: { enabled } });
        }),
      setChannelEnabled: (channelId, enabled) =>
        routed(async (ctx) => {
          if (!this.#channels.has(channelId))
            throw new MccError('NOT_FOUND', `channel ${channelId} is not configured`);
          await setRuntime<ChannelRuntime>(ctx, stateKey.channel(channelId), { enabled });
          this.#emit(ctx, { type: 'channel.switch', channelId, detail: { enabled } });
        }),
      getSession: (sessionId) => this.store.read((tx) => tx.getSession(sessionId)),
      listSessions: (query: SessionQuery = {}) => this.store.read((tx) => tx.querySessions(query)),
      snapshot: () => this.store.read((tx) => this.#snapshot(tx)),
      readEvents: (afterSeq = 0, limit = 1000) => this.store.readEvents(afterSeq, limit),
      subscribe: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
      advanceTime: async (ms) => {
        if (!(this.clock instanceof VirtualClock))
          throw new MccError('NOT_SUPPORTED', 'time can only be moved on a virtual clock');
        await this.clock.advance(ms);
      },
    };
  }

  async #snapshot(tx: StoreReadTx): Promise<ContactCenterSnapshot> {
    const now = this.clock.now();
    const channels = [];
    for (const c of this.config.channels) {
      const view = await this.#channel(tx, c.id);
      channels.push({ ...view, ...(c.name ? { name: c.name } : {}), open: await tx.countOpenSessions(c.id) });
    }
    const services = [];
    for (const s of this.config.services) {
      const view = (await this.#service(tx, s.code)) as ServiceView;
      const states: Record<string, ServiceState> = {};
      for (const c of channels) states[String(c.id)] = serviceStateOf(view, c, now);
      services.push({
        code: s.code,
        ...(s.name ? { name: s.name } : {}),
        outOfService: view.outOfService,
        channels: view.channels,
        states,
        queued: (await tx.querySessions({ status: ['QUEUED'], serviceCode: s.code })).length,
        ...(s.queueCapacity !== undefined ? { queueCapacity: s.queueCapacity } : {}),
      });
    }
    const agents = [];
    for (const a of this.config.agents) {
      const runtime = await this.#agentRuntime(tx, a.username);
      const perChannel = [];
      for (const channelId of a.profiles) {
        const login = runtime.channels[String(channelId)];
        perChannel.push({
          channelId,
          loggedIn: Boolean(login),
          ready: Boolean(login?.ready),
          load: await this.#load(tx, a.username, channelId),
          capacity: this.#capacity(a, channelId),
        });
      }
      agents.push({
        username: a.username,
        ...(a.name ? { name: a.name } : {}),
        profiles: a.profiles,
        skills: a.skills,
        autoAnswer: a.autoAnswer,
        channels: perChannel,
      });
    }
    return { now, channels, services, agents };
  }
}
