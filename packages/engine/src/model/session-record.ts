import type { Reason } from '@mcc/core';

/** The statuses a stored session can have (`UNKNOW` is never stored). */
export type StoredStatus = 'NEW' | 'QUEUED' | 'BOOKED' | 'ASSIGNED' | 'CLOSED';

/** What a session's pending timer will do when it falls due. */
export type TimerKind =
  /** NEW for too long: close it. */
  | 'expire'
  /** BOOKED to an agent that answers by itself: assign it. */
  | 'autoAnswer'
  /** BOOKED and not answered in time: back to the head of the queue. */
  | 'bookingTimeout'
  /** Close requested during a grace period: close it now. */
  | 'finishClose'
  /** CLOSED past retention: forget it. */
  | 'purge';

/** How a session ended. */
export type CloseCause = Reason | 'EXPIRED';

/**
 * A session as stored. Records are immutable values: the engine makes a new record for each
 * change, so stores may keep them without copying.
 */
export interface SessionRecord {
  readonly id: string;
  readonly channelId: number;
  readonly serviceCode: string;
  readonly status: StoredStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly data?: string;
  readonly description?: string;
  readonly contactId?: string;
  readonly contactValue?: string;
  /** Latest setSessionData value. */
  readonly sessionData?: string;
  /** The booked or assigned agent (kept after close). */
  readonly username?: string;
  /** Set by the contact-center side (an agent's message). */
  readonly customMessage?: string;
  /** Queue order while QUEUED: lower goes first. */
  readonly queueKey?: number;
  /** A close requested during a grace period, not yet done. */
  readonly closing?: { readonly reason: Reason; readonly at: number };
  readonly closedAt?: number;
  readonly closeCause?: CloseCause;
  /** When the pending timer falls due, and what it does. */
  readonly timerAt?: number;
  readonly timer?: TimerKind;
}

/** True while a session holds a licence (everything but CLOSED). */
export function isOpen(session: Pick<SessionRecord, 'status'>): boolean {
  return session.status !== 'CLOSED';
}
