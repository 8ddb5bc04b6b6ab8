import { Agent } from 'undici';
import { createMemoryDeliveryStore, type DeliveryStore, type PendingDelivery } from './delivery-store.js';
import {
  type DeliverySettings,
  ReceiverQueue,
  type ReceiverStats,
  type WebhookReceiver,
} from './receiver-queue.js';
import { type EventSource, toWebhookEvent } from './webhook-event.js';

/** Options of {@link createWebhookDispatcher}. */
export interface WebhookDispatcherOptions extends Partial<DeliverySettings> {
  /** The numbered event stream to deliver: the simulator's store (`engine.control`), a `SessionWatcher`. */
  source: EventSource;
  /** Where to POST; several allowed, each with its own queue, cursor and backoff. */
  receivers: readonly WebhookReceiver[];
  /** Delivery state. Default in memory; a durable one (`createSqliteDeliveryStore`) survives restarts. */
  store?: DeliveryStore;
  /**
   * Most deliveries queued per receiver (default 10 000). Past it the receiver's cursor waits in the
   * event stream, which is the overflow: the MCC is never slowed down and nothing is dropped.
   */
  maxPending?: number;
  /** How often the stream is read besides the source's notifications, in ms. Default 500. */
  pollMs?: number;
  /** Told about failures of the delivery machinery itself (store, stream). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** A running webhook dispatcher. */
export interface WebhookDispatcher {
  /** Per receiver: pending, delivered, failures (for `/metrics` and the console). */
  stats(): ReceiverStats[];
  /** Resolves once every event of the stream so far is acknowledged by every receiver (tests, shutdown). */
  drained(timeoutMs?: number): Promise<void>;
  /** Stops reading and sending; what is not acknowledged stays in the store for the next start. */
  close(): Promise<void>;
}

const DEFAULTS: DeliverySettings = {
  concurrency: 16,
  timeoutMs: 5000,
  minBackoffMs: 250,
  maxBackoffMs: 30_000,
};
const BATCH = 500;

/**
 * Delivers every session status change of an event stream to each receiver as a signed POST
 * (`mcc-signature`: HMAC-SHA256 over `<timestamp>.<body>`), at least once, in per-session order,
 * with retries and backoff, in the background: the MCC never waits for a receiver. Per receiver,
 * the events are taken from the stream into a bounded queue in the delivery store together with
 * the stream cursor, so a restart resumes where it stopped (on a durable store).
 */
export async function createWebhookDispatcher(options: WebhookDispatcherOptions): Promise<WebhookDispatcher> {
  const store = options.store ?? createMemoryDeliveryStore();
  const settings: DeliverySettings = {
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    minBackoffMs: options.minBackoffMs ?? DEFAULTS.minBackoffMs,
    maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
  };
  const maxPending = options.maxPending ?? 10_000;
  const onError = options.onError ?? (() => {});
  const http = new Agent({ connections: settings.concurrency * 2, keepAliveTimeout: 4000 });
  let closed = false;

  const lanes = await Promise.all(
    [...new Map(options.receivers.map((r) => [r.url, r])).values()].map(async (receiver) => {
      const lane = {
        receiver,
        cursor: await store.cursor(receiver.url),
        filling: undefined as Promise<void> | undefined,
        again: false,
        queue: undefined as unknown as ReceiverQueue,
      };
      lane.queue = new ReceiverQueue(receiver, store, http, settings, () => fill(lane), onError);
      lane.queue.add(await store.pending(receiver.url));
      return lane;
    }),
  );
  type Lane = (typeof lanes)[number];

  async function fillOnce(lane: Lane): Promise<void> {
    while (!closed && lane.queue.pending < maxPending) {
      const events = await options.source.readEvents(
        lane.cursor,
        Math.min(BATCH, maxPending - lane.queue.pending),
      );
      const last = events.at(-1);
      if (!last) return;
      const deliveries: PendingDelivery[] = [];
      for (const event of events) {
        const webhook = toWebhookEvent(event);
        if (webhook)
          deliveries.push({ seq: webhook.seq, sessionId: webhook.sessionId, body: JSON.stringify(webhook) });
      }
      await store.enqueue(lane.receiver.url, deliveries, last.seq);
      lane.cursor = last.seq;
      lane.queue.add(deliveries);
    }
  }

  /** Reads the stream for one lane; calls while one read runs are coalesced into one more. */
  function fill(lane: Lane): void {
    if (closed) return;
    if (lane.filling) {
      lane.again = true;
      return;
    }
    lane.filling = fillOnce(lane)
      .catch(onError)
      .finally(() => {
        lane.filling = undefined;
        if (lane.again) {
          lane.again = false;
          fill(lane);
        }
      });
  }

  const fillAll = () => {
    for (const lane of lanes) fill(lane);
  };
  const unsubscribe = options.source.subscribe?.(fillAll);
  const poll = setInterval(fillAll, options.pollMs ?? 500);
  poll.unref();
  fillAll();

  return {
    stats: () => lanes.map((l) => l.queue.snapshot()),
    async drained(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        fillAll();
        await Promise.all(lanes.map((l) => l.filling));
        const tail = (await options.source.readEvents(Math.min(...lanes.map((l) => l.cursor)), 1)).length;
        if (!tail && lanes.every((l) => l.queue.pending === 0 && !l.filling)) return;
        if (Date.now() > until) throw new Error('webhooks: not drained in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      clearInterval(poll);
      for (const lane of lanes) lane.queue.stop();
      await Promise.all(lanes.map((l) => l.filling));
      await Promise.all(lanes.map((l) => l.queue.settled()));
      await http.close();
      await store.close();
    },
  };
}
