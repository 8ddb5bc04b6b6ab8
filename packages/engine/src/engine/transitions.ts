import type { Reason } from '@mcc/core';
import type { TimersConfig } from '../config/schema.js';
import type { CloseCause, SessionRecord, TimerKind } from '../model/session-record.js';

// The session state machine as pure functions: each takes a record and returns the next one.

type Draft = { -readonly [K in keyof SessionRecord]: SessionRecord[K] };

/**
 * The next record in one pass: what `{ ...s, ...changes, updatedAt, timer, timerAt }` would hold,
 * with the same keys in the same order, minus the undefined ones (no `delete`: it would slow every
 * later access). `changes` is the transition's own literal, never outside input.
 */
function next(
  s: SessionRecord,
  now: number,
  changes: Partial<Draft>,
  timer?: [TimerKind, number],
): SessionRecord {
  const from = s as unknown as Record<string, unknown>;
  const change = changes as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let value: unknown;
  for (const key in from) {
    if (key === 'updatedAt') value = now;
    else if (key === 'timer') value = timer?.[0];
    else if (key === 'timerAt') value = timer?.[1];
    else value = key in change ? change[key] : from[key];
    if (value !== undefined) out[key] = value;
  }
  for (const key in change) {
    value = change[key];
    if (value !== undefined && !(key in from)) out[key] = value;
  }
  if (!('updatedAt' in from)) out.updatedAt = now;
  if (timer && !('timer' in from)) out.timer = timer[0];
  if (timer && !('timerAt' in from)) out.timerAt = timer[1];
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

// Guards: which transitions a session in its current status allows. Commands and timers ask these
// instead of testing statuses themselves.

/** Closed, or with a close pending (grace period): it can no longer be accepted. */
export function isClosedOrClosing(s: SessionRecord): boolean {
  return s.status === 'CLOSED' || s.closing !== undefined;
}

/** Not closed yet: it may still take session data and a close. */
export function isInProgress(s: SessionRecord): boolean {
  return s.status !== 'CLOSED';
}

/** NEW: `sessionAccept` routes it; any later status is echoed as it is. */
export function awaitsAcceptance(s: SessionRecord): boolean {
  return s.status === 'NEW';
}

/** Waiting in its service's queue: it shows the queue message and counts against the queue's capacity. */
export function isQueued(s: SessionRecord): boolean {
  return s.status === 'QUEUED';
}

/** BOOKED to an agent: the agent may accept or decline it, its booking may time out. */
export function isBooked(s: SessionRecord): s is SessionRecord & { readonly username: string } {
  return s.status === 'BOOKED' && s.username !== undefined;
}

/** Whether the session's due timer still applies to it (the status may have moved on since). */
export function timerApplies(s: SessionRecord): boolean {
  switch (s.timer) {
    case 'expire':
      return s.status === 'NEW';
    case 'autoAnswer':
      return s.status === 'BOOKED';
    case 'bookingTimeout':
      return isBooked(s);
    case 'finishClose':
      return s.status !== 'CLOSED';
    case 'purge':
      return true;
    default:
      return false;
  }
}
