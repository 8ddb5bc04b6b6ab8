import type { UpstreamEvent, WebhookDispatcher } from '@mcc/gateway';
import { Counter, Gauge, type Registry } from 'prom-client';

/** A receiver as a metric label: its origin and path (a query string may carry a token). */
function receiverLabel(url: string): string {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

/**
 * Webhook delivery in `/metrics`, read from the dispatcher at scrape time:
 * `mcc_webhook_pending{receiver}`, `mcc_webhook_delivered_total{receiver}`,
 * `mcc_webhook_failed_attempts_total{receiver}`, `mcc_webhook_consecutive_failures{receiver}`.
 */
export function registerWebhookMetrics(registry: Registry, webhooks: WebhookDispatcher): void {
  const perReceiver = (
    Kind: typeof Gauge | typeof Counter,
    name: string,
    help: string,
    value: (s: ReturnType<WebhookDispatcher['stats']>[number]) => number,
  ) =>
    new Kind({
      name,
      help,
      labelNames: ['receiver'] as const,
      registers: [registry],
      collect(this: Gauge<'receiver'> | Counter<'receiver'>) {
        this.reset();
        for (const s of webhooks.stats()) {
          const labels = { receiver: receiverLabel(s.url) };
          if (this instanceof Gauge) this.set(labels, value(s));
          else this.inc(labels, value(s));
        }
      },
    });
  perReceiver(
    Gauge,
    'mcc_webhook_pending',
    'Webhook deliveries queued and not yet acknowledged',
    (s) => s.pending,
  );
  perReceiver(
    Counter,
    'mcc_webhook_delivered_total',
    'Webhook deliveries acknowledged (2xx)',
    (s) => s.delivered,
  );
  perReceiver(
    Counter,
    'mcc_webhook_failed_attempts_total',
    'Webhook delivery attempts that failed',
    (s) => s.failedAttempts,
  );
  perReceiver(
    Gauge,
    'mcc_webhook_consecutive_failures',
    'Failed webhook attempts in a row (0: the receiver answers)',
    (s) => s.consecutiveFailures,
  );
}

/** Counts the gateway's calls to the upstream MCC: `mcc_upstream_calls_total{operation,outcome,error}`. */
export function createUpstreamMetrics(registry: Registry): (event: UpstreamEvent) => void {
  const calls = new Counter({
    name: 'mcc_upstream_calls_total',
    help: 'Calls of the gateway to the upstream MCC, by operation, outcome and client error code',
    labelNames: ['operation', 'outcome', 'error'] as const,
    registers: [registry],
  });
  return (event) =>
    calls.inc({ operation: event.operation, outcome: event.outcome, error: event.errorCode ?? '' });
}
