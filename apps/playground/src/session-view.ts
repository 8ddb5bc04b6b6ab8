import type { CloseCause, SessionRecord, StoredStatus, TimerKind } from '@mcc/engine';

/**
 * A session as the control API shows it (docs/control-api.md, "Session view"): what the contact
 * center knows of it, not how a store keeps it. Storage details (queue keys, the timer as two
 * columns) stay out, so a store may change its records without changing the API.
 */
export interface SessionView {
  id: string;
  channelId: number;
  serviceCode: string;
  status: StoredStatus;
  /** Virtual (clock) time, epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  data?: string;
  description?: string;
  contactId?: string;
  contactValue?: string;
  /** Latest setSessionData value. */
  sessionData?: string;
  /** The booked or assigned agent (kept after the close). */
  username?: string;
  /** The contact-center side's message to the caller. */
  customMessage?: string;
  /** A close requested during the grace period, not done yet. */
  closing?: { reason: string; at: number };
  closedAt?: number;
  closeCause?: CloseCause;
  /** What happens next by itself, and when. */
  timer?: { kind: TimerKind; at: number };
}

const COPIED = [
  'data',
  'description',
  'contactId',
  'contactValue',
  'sessionData',
  'username',
  'customMessage',
  'closedAt',
  'closeCause',
] as const;

/** The control API's view of a stored session. */
export function toSessionView(record: SessionRecord): SessionView {
  const view: SessionView = {
    id: record.id,
    channelId: record.channelId,
    serviceCode: record.serviceCode,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  for (const key of COPIED) if (record[key] !== undefined) Object.assign(view, { [key]: record[key] });
  if (record.closing) view.closing = { reason: record.closing.reason, at: record.closing.at };
  if (record.timer && record.timerAt !== undefined) view.timer = { kind: record.timer, at: record.timerAt };
  return view;
}
