import type { StoredStatus } from './session-record.js';

/** Kinds of domain events the engine emits. */
export type DomainEventType =
  | 'session.started'
  | 'session.status'
  | 'session.data'
  | 'session.message'
  | 'session.purged'
  | 'agent.login'
  | 'agent.logout'
  | 'agent.ready'
  | 'service.switch'
  | 'channel.switch';

/** A domain event before the store numbers it. */
export interface DomainEventInput {
  type: DomainEventType;
  /** Virtual (clock) time of the change. */
  at: number;
  sessionId?: string;
  channelId?: number;
  serviceCode?: string;
  username?: string;
  /** For `session.status`: the status before and after. */
  from?: StoredStatus;
  status?: StoredStatus;
  /** Anything else worth showing (reason, ready flag, message…). */
  detail?: Record<string, unknown>;
}

/** A state change, numbered: `seq` increases by one per event within a store. */
export interface DomainEvent extends DomainEventInput {
  seq: number;
}
