import type { Reason } from '@mcc/core';
import type { TimersConfig } from '../config/schema.js';
import type { CloseCause, SessionRecord, TimerKind } from '../model/session-record.js';

// The session state machine as pure functions: each takes a record and returns the next one.

type Draft = { -readonly [K in keyof SessionRecord]: SessionRecord[K] };

function next(
  s: SessionRecord,
  now: number,
  changes: Partial<Draft>,
  timer?: [TimerKind, number],
): SessionRecord {
  const merged: Partial<Draft> = { ...s, ...changes, updatedAt: now, timer: timer?.[0], timerAt: timer?.[1] };
  // Copy only the fields that have a value (no `delete`: it would slow every later access).
  const out: Record<string, unknown> = {};
  for (const key in merged) {
    const value = merged[key as keyof Draft];
    if (value !== undefined) out[key] = value;
  }
  return out as unknown as SessionRecord;
}

/** A NEW session, which expires unless accepted within `newSessionTtlMs`. */
export function created(
  fields: Pick<
    SessionRecord,
    'id' | 'channelId' | 'serviceCode' | 'data' | 'description' | 'contactId' | 'contactValue'
  >,
  now: number,
  timers: TimersConfig,
): SessionRecord {
  const base: SessionRecord = { ...fields, status: 'NEW', createdAt: now, updatedAt: now };
  return next(base, now, {}, ['expire', now + timers.newSessionTtlMs]);
}

/** Into its service's queue at `queueKey` (lower goes first); no agent. */
export function queued(s: SessionRecord, now: number, queueKey: number): SessionRecord {
  return next(s, now, { status: 'QUEUED', queueKey, username: undefined });
}

/**
 * Booked to `username`: the agent answers by itself after `autoAnswer` ms if that comes before
 * the booking timeout, else the booking times out.
 */
export function booked(
  s: SessionRecord,
  now: number,
  username: string,
  autoAnswer: number | 'manual',
  timers: TimersConfig,
): SessionRecord {
  const timer: [TimerKind, number] =
    autoAnswer !== 'manual' && autoAnswer < timers.bookingTimeoutMs
      ? ['autoAnswer', now + autoAnswer]
      : ['bookingTimeout', now + timers.bookingTimeoutMs];
  return next(s, now, { status: 'BOOKED', username, queueKey: undefined }, timer);
}

/** The booked agent took it. */
export function assigned(s: SessionRecord, now: number): SessionRecord {
  return next(s, now, { status: 'ASSIGNED' });
}

/** A close asked for during a grace period: the status stays until `finishClose`. */
export function closing(s: SessionRecord, now: number, reason: Reason, graceMs: number): SessionRecord {
  return next(s, now, { closing: { reason, at: now } }, ['finishClose', now + graceMs]);
}

/** Closed: kept for `closedRetentionMs`, then purged. The agent's name stays. */
export function closed(
  s: SessionRecord,
  now: number,
  cause: CloseCause,
  timers: TimersConfig,
): SessionRecord {
  return next(
    s,
    now,
    { status: 'CLOSED', closedAt: now, closeCause: cause, closing: undefined, queueKey: undefined },
    ['purge', now + timers.closedRetentionMs],
  );
}

/** Data set while the session is in progress (empty clears it). */
export function withSessionData(
  s: SessionRecord,
  now: number,
  sessionData: string | undefined,
): SessionRecord {
  return next(
    s,
    now,
    { sessionData: sessionData || undefined },
    s.timer && s.timerAt !== undefined ? [s.timer, s.timerAt] : undefined,
  );
}

/** A custom message set by the contact-center side (undefined clears it). */
export function withCustomMessage(
  s: SessionRecord,
  now: number,
  customMessage: string | undefined,
): SessionRecord {
  return next(
    s,
    now,
    { customMessage: customMessage || undefined },
    s.timer && s.timerAt !== undefined ? [s.timer, s.timerAt] : undefined,
  );
}
