/** A session status as the event stream carries it. */
export type EventStatus = 'NEW' | 'QUEUED' | 'BOOKED' | 'ASSIGNED' | 'CLOSED';

/** An event of a stream, as `readEvents` gives it (the engine's `DomainEvent` fits). */
export interface StreamEvent {
  seq: number;
  type: string;
  /** When it happened (ms since the epoch). */
  at: number;
  sessionId?: string;
  channelId?: number;
  serviceCode?: string;
  username?: string;
  from?: string;
  status?: string;
}

/** A numbered event stream: the simulator's store, or the gateway's {@link SessionWatcher}. */
export interface EventSource {
  /** Events with `seq > afterSeq`, in order, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<readonly StreamEvent[]>;
  /** Calls `listener` when new events may be there; returns the unsubscribe function. */
  subscribe?(listener: () => void): () => void;
}

/** The JSON body of a webhook delivery: one session status change. */
export interface WebhookEvent {
  /** The stream's sequence number: increasing, the deduplication and catch-up key. */
  seq: number;
  /** `session.started` (status NEW) or `session.status`. */
  type: 'session.started' | 'session.status';
  sessionId: string;
  /** The status before (absent for `session.started`). */
  from?: EventStatus;
  status: EventStatus;
  /** The booked or assigned agent. */
  username?: string;
  channelId?: number;
  serviceCode?: string;
  /** When it happened, ISO 8601. */
  at: string;
}

/** The webhook event of a stream event, or undefined for events that are no status change. */
export function toWebhookEvent(event: StreamEvent): WebhookEvent | undefined {
  if (
    (event.type !== 'session.started' && event.type !== 'session.status') ||
    !event.sessionId ||
    !event.status
  )
    return undefined;
  return {
    seq: event.seq,
    type: event.type,
    sessionId: event.sessionId,
    ...(event.from ? { from: event.from as EventStatus } : {}),
    status: event.status as EventStatus,
    ...(event.username !== undefined ? { username: event.username } : {}),
    ...(event.channelId !== undefined ? { channelId: event.channelId } : {}),
    ...(event.serviceCode !== undefined ? { serviceCode: event.serviceCode } : {}),
    at: new Date(event.at).toISOString(),
  };
}
