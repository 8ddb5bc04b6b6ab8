import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/webhooks/signature.js';
import type { WebhookEvent } from '../../src/webhooks/webhook-event.js';

/**
 * A webhook receiver as an integrator writes one: verifies each signature on the raw body,
 * deduplicates by the stream seq, records the events per session in arrival order. It can be
 * taken down (its port refuses connections) and brought back on the same port.
 */
export class TestReceiver {
  /** Every event accepted, deduplicated, per session in the order received. */
  readonly bySession = new Map<string, WebhookEvent[]>();
  readonly seen = new Set<number>();
  deliveries = 0;
  duplicates = 0;
  badSignatures = 0;
  /** Deliveries still to answer with 503 (a receiver that is up but failing). */
  refuseNext = 0;
  private server: Server | undefined;
  private port = 0;

  constructor(readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/mcc`;
  }

  /** Starts listening (on the same port as before, after a first start). */
  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.refuseNext > 0) {
          this.refuseNext--;
          res.writeHead(503).end();
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const header = req.headers[WEBHOOK_HEADERS.signature];
        if (
          !verifyWebhook({
            secret: this.secret,
            header: typeof header === 'string' ? header : undefined,
            body,
          })
        ) {
          this.badSignatures++;
          res.writeHead(401).end();
          return;
        }
        this.deliveries++;
        const event = JSON.parse(body) as WebhookEvent;
        if (String(event.seq) !== req.headers[WEBHOOK_HEADERS.seq]) this.badSignatures++;
        if (this.seen.has(event.seq)) this.duplicates++;
        else {
          this.seen.add(event.seq);
          const list = this.bySession.get(event.sessionId) ?? [];
          list.push(event);
          this.bySession.set(event.sessionId, list);
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: deliveries are refused until {@link up}. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
