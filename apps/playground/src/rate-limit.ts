import type { IncomingMessage } from 'node:http';
import type { RateLimitSettings } from './settings.js';

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends RateLimitSettings {
  /** The client a request counts against. */
  key: (req: IncomingMessage) => string;
  /** Most clients tracked at once (idle ones are forgotten first). Default 10 000. */
  maxClients?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client: each request takes a token, tokens come back at `perSecond`, at most
 * `burst` are saved up. Returns the transports' `throttle` option: `undefined` to serve a request,
 * or the whole seconds until a token is back (the `Retry-After`).
 */
export function createRateLimiter(options: RateLimiterOptions): (req: IncomingMessage) => number | undefined {
  const { perSecond, burst, key } = options;
  const maxClients = options.maxClients ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, time: number): void {
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) * perSecond) / 1000);
    bucket.at = time;
  }

  function makeRoom(time: number): void {
    for (const [client, bucket] of buckets) {
      refill(bucket, time);
      if (bucket.tokens >= burst) buckets.delete(client);
    }
    // Still full of busy clients: forget the oldest (they start again with a full bucket).
    for (const client of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(client);
    }
  }

  return (req) => {
    const time = now();
    const client = key(req);
    let bucket = buckets.get(client);
    if (bucket) {
      refill(bucket, time);
    } else {
      if (buckets.size >= maxClients) makeRoom(time);
      bucket = { tokens: burst, at: time };
      buckets.set(client, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  };
}

/**
 * The address a request comes from: the socket's peer, or — behind a trusted reverse proxy — the
 * last `X-Forwarded-For` entry, the one the proxy itself appended (earlier entries are whatever
 * the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = Array.isArray(header) ? header.join(',') : header;
    const last = list?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
