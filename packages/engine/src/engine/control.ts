import type { CloseSessionResult, ServiceState } from '@mcc/core';
import type { DomainEvent } from '../model/domain-event.js';
import type { SessionRecord } from '../model/session-record.js';
import type { SessionQuery } from '../store/store.js';

/** A channel in a {@link ContactCenterSnapshot}. */
export interface ChannelSnapshot {
  id: number;
  name?: string;
  configured: boolean;
  enabled: boolean;
  licences: number;
  /** Sessions open on the channel (licences in use). */
  open: number;
}

/** A service in a {@link ContactCenterSnapshot}. */
export interface ServiceSnapshot {
  code: string;
  name?: string;
  outOfService: boolean;
  /** Channels the service is enabled on. */
  channels: number[];
  /** Its state on every configured channel. */
  states: Record<string, ServiceState>;
  /** Sessions waiting in its queue. */
  queued: number;
  queueCapacity?: number;
}

/** An agent in a {@link ContactCenterSnapshot}. */
export interface AgentSnapshot {
  username: string;
  name?: string;
  profiles: number[];
  skills: string[];
  autoAnswer: number | 'manual';
  /** One entry per channel profile. */
  channels: Array<{ channelId: number; loggedIn: boolean; ready: boolean; load: number; capacity: number }>;
}

/** The whole contact center at one moment. */
export interface ContactCenterSnapshot {
  now: number;
  channels: ChannelSnapshot[];
  services: ServiceSnapshot[];
  agents: AgentSnapshot[];
}

/**
 * The contact-center side of the simulator (not part of MCC): what agents, supervisors and the
 * clock do. Errors (unknown agent, wrong state…) throw `MccError` with code `NOT_FOUND` or
 * `INVALID_ARGUMENT`.
 */
export interface ContactCenterControl {
  /** Logs an agent in on a channel it has a profile for (ready by default). */
  loginAgent(username: string, channelId: number, options?: { ready?: boolean }): Promise<void>;
  /** Logs an agent out of a channel (its BOOKED sessions there go back to the head of their queues). */
  logoutAgent(username: string, channelId: number): Promise<void>;
  /** Sets a logged-in agent ready (takes new bookings) or not ready. */
  setAgentReady(username: string, channelId: number, ready: boolean): Promise<void>;
  /** The booked agent accepts the session: BOOKED → ASSIGNED. */
  acceptSession(sessionId: string): Promise<SessionRecord>;
  /** The booked agent declines: the session goes back to the head of its queue. */
  declineSession(sessionId: string): Promise<SessionRecord>;
  /** The agent closes the session (`REQUEST_FROM_CALLEE`). */
  closeSessionAsAgent(sessionId: string): Promise<CloseSessionResult>;
  /** Sets (or with undefined clears) the session's custom message. */
  setCustomMessage(sessionId: string, message: string | undefined): Promise<SessionRecord>;
  /** Switches a service out of service (or back in). */
  setServiceOutOfService(code: string, outOfService: boolean): Promise<void>;
  /** Enables or disables a service on a channel. */
  setServiceChannel(code: string, channelId: number, enabled: boolean): Promise<void>;
  /** Enables or disables a configured channel. */
  setChannelEnabled(channelId: number, enabled: boolean): Promise<void>;
  /** One session as stored, or undefined. */
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** Sessions matching the query (queue order). */
  listSessions(query?: SessionQuery): Promise<SessionRecord[]>;
  /** Channels, services and agents with their live state. */
  snapshot(): Promise<ContactCenterSnapshot>;
  /** Domain events after `afterSeq` (default 0), in order. */
  readEvents(afterSeq?: number, limit?: number): Promise<DomainEvent[]>;
  /**
   * Calls `listener` for every event this engine commits, as each transaction commits; returns the
   * unsubscribe function. Concurrent transactions may commit out of number order (PostgreSQL
   * numbers events from transaction ids): for the complete stream in number order follow `readEvents`.
   */
  subscribe(listener: (event: DomainEvent) => void): () => void;
  /** Moves virtual time forward, firing due timers (`NOT_SUPPORTED` on a real clock). */
  advanceTime(ms: number): Promise<void>;
}
