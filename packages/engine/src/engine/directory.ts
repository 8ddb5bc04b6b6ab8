import { MccError } from '@mcc/core';
import type { AgentConfig, ChannelConfig, ContactCenterConfig, ServiceConfig } from '../config/schema.js';
import type { SessionRecord } from '../model/session-record.js';
import type { StoreReadTx } from '../store/store.js';
import { type AgentRuntime, type ChannelRuntime, type ServiceRuntime, stateKey } from './agent-state.js';
import type { ChannelView, ServiceView } from './service-state.js';

const OPEN_BOOKINGS = ['BOOKED', 'ASSIGNED'] as const;

/**
 * Look-ups of the contact center: channels, services and agents by their (untrusted) ids, from the
 * configuration with the runtime switches and logins of the store applied.
 */
export class Directory {
  readonly #channels = new Map<number, ChannelConfig>();
  readonly #services = new Map<string, ServiceConfig>();
  readonly #agents = new Map<string, AgentConfig>();

  constructor(config: ContactCenterConfig) {
    for (const c of config.channels) this.#channels.set(c.id, c);
    for (const s of config.services) this.#services.set(s.code, s);
    for (const a of config.agents) this.#agents.set(a.username, a);
  }

  /** Whether channel `id` is configured. */
  hasChannel(id: number): boolean {
    return this.#channels.has(id);
  }

  /** The licences of channel `id` (0 when it is not configured). */
  licences(id: number): number {
    return this.#channels.get(id)?.licences ?? 0;
  }

  /** Whether service `code` is configured. */
  hasService(code: string): boolean {
    return this.#services.has(code);
  }

  /** A channel as it is now: configured or not, its switch, its licences. */
  async channel(tx: StoreReadTx, id: number): Promise<ChannelView & { name?: string }> {
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

  /** A configured service with its runtime switches applied, or undefined. */
  async service(tx: StoreReadTx, code: string): Promise<ServiceView | undefined> {
    const cfg = this.#services.get(code);
    if (!cfg) return undefined;
    const runtime = await tx.getState<ServiceRuntime>(stateKey.service(code));
    return runtime ? { ...cfg, ...runtime } : cfg;
  }

  /** The queue message template of a service, if it has one. */
  queueMessage(code: string): string | undefined {
    return this.#services.get(code)?.queueMessage;
  }

  /** A configured agent, or undefined. */
  findAgent(username: string): AgentConfig | undefined {
    return this.#agents.get(username);
  }

  /** A configured agent; `NOT_FOUND` otherwise (the contact-center control's answer). */
  agent(username: string): AgentConfig {
    const agent = this.#agents.get(username);
    if (!agent) throw new MccError('NOT_FOUND', `unknown agent ${username}`);
    return agent;
  }

  /** How many sessions the agent may hold at once on a channel. */
  capacity(agent: AgentConfig, channelId: number): number {
    return typeof agent.capacity === 'number' ? agent.capacity : (agent.capacity[String(channelId)] ?? 1);
  }

  /** The agent's logins by channel (none if it never logged in). */
  async agentRuntime(tx: StoreReadTx, username: string): Promise<AgentRuntime> {
    return (await tx.getState<AgentRuntime>(stateKey.agent(username))) ?? { channels: {} };
  }

  /** Sessions BOOKED or ASSIGNED to the agent on a channel. */
  async load(tx: StoreReadTx, username: string, channelId: number): Promise<number> {
    return (await tx.querySessions({ username, channelId, status: OPEN_BOOKINGS })).length;
  }

  /** A stored session; `NOT_FOUND` otherwise (the contact-center control's answer). */
  async session(tx: StoreReadTx, id: string | undefined): Promise<SessionRecord> {
    const session = id === undefined ? undefined : await tx.getSession(id);
    if (!session) throw new MccError('NOT_FOUND', `unknown session ${id}`);
    return session;
  }
}
