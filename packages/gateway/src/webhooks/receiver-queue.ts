import type { Dispatcher } from 'undici';
import type { DeliveryStore, PendingDelivery } from './delivery-store.js';
import { signWebhook, WEBHOOK_HEADERS } from './signature.js';

/** A webhook receiver: where status changes are POSTed, and the secret they are signed with. */
export interface WebhookReceiver {
  url: string;
  secret: string;
}

/** Delivery settings of one receiver (defaults in `createWebhookDispatcher`). */
export interface DeliverySettings {
  /** Deliveries in flight at once (never two of one session). */
  concurrency: number;
  /** Time limit of one POST, in ms. */
  timeoutMs: number;
  /** Backoff after a failed delivery: between half and all of min(max, min·2ⁿ⁻¹) ms (n failures in a row). */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/** What one receiver's delivery looks like now (for `/metrics` and the console). */
export interface ReceiverStats {
  url: string;
  /** Deliveries queued and not yet acknowledged. */
  pending: number;
  /** Deliveries acknowledged (2xx) since start. */
  delivered: number;
  /** Failed attempts since start. */
  failedAttempts: number;
  /** The last stream seq acknowledged. */
  lastDeliveredSeq: number;
  /** Failures in a row (0 when the receiver answers). */
  consecutiveFailures: number;
  /** The last failure, for the console. */
  lastError?: string;
}

/**
 * One receiver's queue: the deliveries of each session go out one at a time in seq order (per
 * session order), several sessions in parallel, each removed from the store only after a 2xx
 * (at least once). A failure pauses the whole receiver with exponential backoff, so a receiver
 * that is down costs one attempt per backoff period, not one per session.
 */
export class ReceiverQueue {
  private readonly sessions = new Map<string, PendingDelivery[]>();
  private readonly inFlight = new Set<string>();
  private readonly attempts = new Map<number, number>();
  private size = 0;
  private pausedUntil = 0;
  private wake: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly stats: ReceiverStats;

  constructor(
    private readonly receiver: WebhookReceiver,
    private readonly store: DeliveryStore,
    private readonly http: Dispatcher,
    private readonly settings: DeliverySettings,
    private readonly onIdle: () => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.stats = {
      url: receiver.url,
      pending: 0,
      delivered: 0,
      failedAttempts: 0,
      lastDeliveredSeq: 0,
      consecutiveFailures: 0,
    };
  }

  /** Deliveries queued and not acknowledged. */
  get pending(): number {
    return this.size;
  }

  /** A copy of the receiver's figures. */
  snapshot(): ReceiverStats {
    return { ...this.stats, pending: this.size };
  }

  /** Adds deliveries (already in the store) and sends what may be sent. */
  add(deliveries: readonly PendingDelivery[]): void {
    for (const d of deliveries) {
      const queue = this.sessions.get(d.sessionId);
      if (queue) queue.push(d);
      else this.sessions.set(d.sessionId, [d]);
      this.size++;
    }
    this.pump();
  }

  /** Stops sending; deliveries in flight finish, the rest stay in the store. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.wake);
  }

  /** Resolves once nothing is in flight. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await new Promise((r) => setTimeout(r, 10));
  }

  private pump(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (now < this.pausedUntil) {
      clearTimeout(this.wake);
      this.wake = setTimeout(() => this.pump(), this.pausedUntil - now);
      return;
    }
    for (const [sessionId, queue] of this.sessions) {
      if (this.inFlight.size >= this.settings.concurrency) break;
      if (this.inFlight.has(sessionId)) continue;
      const head = queue[0];
      if (head) void this.send(sessionId, head);
    }
  }

  private async send(sessionId: string, delivery: PendingDelivery): Promise<void> {
    this.inFlight.add(sessionId);
    const attempt = (this.attempts.get(delivery.seq) ?? 0) + 1;
    this.attempts.set(delivery.seq, attempt);
    let ok = false;
    try {
      const { origin, pathname, search } = new URL(this.receiver.url);
      const response = await this.http.request({
        origin,
        path: `${pathname}${search}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.signature]: signWebhook(this.receiver.secret, delivery.body),
          [WEBHOOK_HEADERS.seq]: String(delivery.seq),
          [WEBHOOK_HEADERS.attempt]: String(attempt),
        },
        body: delivery.body,
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.body.dump();
      ok = response.statusCode >= 200 && response.statusCode < 300;
      if (!ok) this.stats.lastError = `HTTP ${response.statusCode}`;
    } catch (error) {
      this.stats.lastError = (error as Error).message ?? String(error);
    }
    try {
      if (ok) await this.acknowledge(sessionId, delivery);
      else this.failed();
    } catch (error) {
      this.onError(error);
    } finally {
      this.inFlight.delete(sessionId);
    }
    this.pump();
  }

  private async acknowledge(sessionId: string, delivery: PendingDelivery): Promise<void> {
    await this.store.delivered(this.receiver.url, delivery.seq);
    const queue = this.sessions.get(sessionId);
    queue?.shift();
    if (queue && !queue.length) this.sessions.delete(sessionId);
    this.attempts.delete(delivery.seq);
    this.size--;
    this.stats.delivered++;
    this.stats.lastDeliveredSeq = Math.max(this.stats.lastDeliveredSeq, delivery.seq);
    this.stats.consecutiveFailures = 0;
    this.onIdle();
  }

  private failed(): void {
    this.stats.failedAttempts++;
    const n = ++this.stats.consecutiveFailures;
    const cap = Math.min(this.settings.maxBackoffMs, this.settings.minBackoffMs * 2 ** Math.min(n - 1, 30));
    this.pausedUntil = Math.max(
      this.pausedUntil,
      Date.now() + Math.round(cap / 2 + (Math.random() * cap) / 2),
    );
  }
}
