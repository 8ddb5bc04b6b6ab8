import type { AgentConfig, ContactCenterConfig } from '../config/schema.js';
import type { SessionRecord } from '../model/session-record.js';
import { stateKey } from './agent-state.js';
import type { Directory } from './directory.js';
import * as t from './transitions.js';
import { Contended, type Ctx, emit, save } from './unit-of-work.js';

interface FreeAgent {
  agent: AgentConfig;
  idleSince: number;
  room: number;
}

/** The agents a scoped routing decision may book (their `agent:` locks held), by username. */
export type RouteScope = ReadonlySet<string>;

/** The names of the engine's routing locks (store.ts, `lock`). */
export const routingLocks = {
  /** Exclusive: a decision over the whole contact center; shared: a scoped one. */
  all: 'routing',
  agent: (username: string) => `agent:${username}`,
  service: (code: string) => `service:${code}`,
} as const;

/** The `agent:` and `service:` locks of a scope, in the one global (sorted) order. */
function scopeLocks(agents: Iterable<string>, services: Iterable<string>): string[] {
  return [...[...agents].map(routingLocks.agent), ...[...new Set(services)].map(routingLocks.service)].sort();
}

/**
 * Queues, bookings and agent logins: who gets which session. Every method runs inside the caller's
 * transaction, which holds the `routing` lock exclusively, or (scoped decisions) shared with the
 * `agent:` locks of every agent it may book or change ({@link Routing.lockScope}).
 */
export class Routing {
  readonly #config: ContactCenterConfig;
  readonly #directory: Directory;

  constructor(config: ContactCenterConfig, directory: Directory) {
    this.#config = config;
    this.#directory = directory;
  }

  /**
   * Takes `routing` shared, then the `agent:` lock of each agent and the `service:` lock of each
   * service, in sorted order (the one global order: deadlock-free among scoped decisions), and
   * returns the agents as a scope for {@link route}.
   */
  async lockScope(ctx: Ctx, agents: Iterable<string>, services: Iterable<string> = []): Promise<RouteScope> {
    const scope = new Set(agents);
    const names = scopeLocks(scope, services);
    // Both issued at once (one round trip where the store batches), taken in this order.
    await Promise.all([ctx.tx.lock(routingLocks.all, true), names.length ? ctx.tx.lock(names) : undefined]);
    return scope;
  }

  /**
   * The locks of {@link lockScope}, for a transaction that already holds a session's row lock:
   * taken only if no one holds them ({@link StoreTx.tryLock}), since waiting for them behind a
   * row lock could deadlock with a decision that holds them and waits for that row. When one is
   * held elsewhere, throws {@link Contended}: the operation runs again from the start, and then
   * waits for the scope with {@link lockScope} before the row.
   */
  async tryLockScope(
    ctx: Ctx,
    agents: Iterable<string>,
    services: Iterable<string> = [],
  ): Promise<RouteScope> {
    const scope = new Set(agents);
    if (!(await ctx.tx.tryLock(scopeLocks(scope, services), [routingLocks.all])))
      throw new Contended('a routing decision over the same agents is running');
    return scope;
  }

  /** The agents skilled in a service: those a session of it may be booked to. */
  agentsFor(serviceCode: string): string[] {
    return this.#config.agents.filter((a) => a.skills.includes(serviceCode)).map((a) => a.username);
  }

  /** A queue key that puts a session after (or, `atHead`, before) every session of its service's queue. */
  async nextQueueKey(ctx: Ctx, serviceCode: string, atHead: boolean): Promise<number> {
    const queue = await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode });
    if (atHead) return Math.min(queue[0]?.queueKey ?? ctx.now, ctx.now) - 1;
    return Math.max((queue.at(-1)?.queueKey ?? ctx.now - 1) + 1, ctx.now);
  }

  /** Puts a session at the tail of its service's queue. */
  async enqueue(ctx: Ctx, session: SessionRecord): Promise<SessionRecord> {
    return save(
      ctx,
      session,
      t.queued(session, ctx.now, await this.nextQueueKey(ctx, session.serviceCode, false)),
    );
  }

  /** Puts a session back at the head of its service's queue (declined, timed out, agent gone). */
  async requeueAtHead(ctx: Ctx, session: SessionRecord): Promise<SessionRecord> {
    return save(
      ctx,
      session,
      t.queued(session, ctx.now, await this.nextQueueKey(ctx, session.serviceCode, true)),
    );
  }

  /** Books a session to an agent (assigned at once if the agent answers at once); the agent is busy from now. */
  async book(ctx: Ctx, session: SessionRecord, agent: AgentConfig): Promise<SessionRecord> {
    let next = await save(
      ctx,
      session,
      t.booked(session, ctx.now, agent.username, agent.autoAnswer, this.#config.timers),
    );
    const runtime = await this.#directory.agentRuntime(ctx.tx, agent.username);
    const login = runtime.channels[String(session.channelId)];
    if (login) {
      login.idleSince = ctx.now;
      await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    }
    if (agent.autoAnswer === 0) next = await save(ctx, next, t.assigned(next, ctx.now));
    return next;
  }

  /**
   * Books queued sessions, FIFO per service, each to the longest-idle agent that is logged in and
   * ready on its channel, has the skill and has capacity there. Sessions whose channel has no such
   * agent wait without blocking the queue for other channels.
   *
   * With a `scope`, only the agents in it are considered (the caller holds their locks) and only
   * the queues of their skills are read. That is the same decision as routing everything, because
   * no agent outside the scope can take work the decision makes bookable: every change that frees
   * an agent's capacity or queues a session holds the locks of the agents it may concern, and
   * routes them, so a free agent and a queued session it could take never stay apart.
   */
  async route(ctx: Ctx, scope?: RouteScope): Promise<void> {
    // Free agents first: when none is free (the usual state of a busy contact center) the queue,
    // however long, is not read at all.
    const free = new Map<string, FreeAgent>();
    for (const agent of this.#config.agents) {
      if (scope && !scope.has(agent.username)) continue;
      const runtime = await this.#directory.agentRuntime(ctx.tx, agent.username);
      for (const [ch, login] of Object.entries(runtime.channels)) {
        if (!login.ready) continue;
        const room =
          this.#directory.capacity(agent, Number(ch)) -
          (await this.#directory.load(ctx.tx, agent.username, Number(ch)));
        if (room > 0) free.set(`${agent.username}@${ch}`, { agent, idleSince: login.idleSince, room });
      }
    }
    if (free.size === 0) return;
    const queue = scope
      ? await this.#queuesOf(ctx, free)
      : await ctx.tx.querySessions({ status: ['QUEUED'] });
    for (const session of queue) {
      let best: (FreeAgent & { key: string }) | undefined;
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
      await this.book(ctx, session, best.agent);
      if (best.room > 1) free.set(best.key, { agent: best.agent, idleSince: ctx.now, room: best.room - 1 });
      else free.delete(best.key);
      if (free.size === 0) return;
    }
  }

  /** The queued sessions of the free agents' skills, in queue order (each service's, merged stably). */
  async #queuesOf(ctx: Ctx, free: Map<string, FreeAgent>): Promise<SessionRecord[]> {
    const services = new Set<string>();
    for (const { agent } of free.values()) for (const skill of agent.skills) services.add(skill);
    const queue: SessionRecord[] = [];
    for (const serviceCode of [...services].sort())
      queue.push(...(await ctx.tx.querySessions({ status: ['QUEUED'], serviceCode })));
    return queue.sort((a, b) => (a.queueKey ?? 0) - (b.queueKey ?? 0) || a.createdAt - b.createdAt);
  }

  /** Logs an agent in on a channel, ready or not (no routing: the caller routes). */
  async login(ctx: Ctx, agent: AgentConfig, channelId: number, ready: boolean): Promise<void> {
    const runtime = await this.#directory.agentRuntime(ctx.tx, agent.username);
    runtime.channels[String(channelId)] = { ready, idleSince: ctx.now };
    await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    emit(ctx, { type: 'agent.login', username: agent.username, channelId, detail: { ready } });
  }

  /** Logs an agent out of a channel: its BOOKED sessions there go back to the head of their queues. */
  async logout(ctx: Ctx, agent: AgentConfig, channelId: number): Promise<void> {
    const runtime = await this.#directory.agentRuntime(ctx.tx, agent.username);
    delete runtime.channels[String(channelId)];
    await ctx.tx.putState(stateKey.agent(agent.username), runtime);
    emit(ctx, { type: 'agent.logout', username: agent.username, channelId });
    const booked = await ctx.tx.querySessions({ username: agent.username, channelId, status: ['BOOKED'] });
    for (const session of booked.reverse()) await this.requeueAtHead(ctx, session);
    await this.route(ctx);
  }

  /**
   * Closes a session, or with a grace period starts closing it; a freed agent takes new work.
   * `route` true: routes everything (`routing` held exclusively); a scope: routes its agents (their
   * locks held); false (no routing lock held): the session held no agent, so closing it frees no
   * capacity and there is nothing to route.
   */
  async close(
    ctx: Ctx,
    session: SessionRecord,
    reason: 'REQUEST_FROM_CALLER' | 'REQUEST_FROM_CALLEE',
    route: boolean | RouteScope = true,
  ): Promise<SessionRecord> {
    const grace = this.#config.timers.closeGracePeriodMs;
    if (grace > 0) return save(ctx, session, t.closing(session, ctx.now, reason, grace));
    const done = await save(ctx, session, t.closed(session, ctx.now, reason, this.#config.timers));
    if (route) await this.route(ctx, route === true ? undefined : route);
    return done;
  }
}
