import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers of a webhook delivery (lower-case, as Node reads them). */
export const WEBHOOK_HEADERS = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` */
  signature: 'mcc-signature',
  /** The event's sequence number in the stream (the receiver's deduplication key). */
  seq: 'mcc-event-seq',
  /** 1 for the first attempt, then 2, 3… (counted since the sender's start). */
  attempt: 'mcc-delivery-attempt',
} as const;

/** How old a signature may be before a receiver refuses it, by default (seconds). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `mcc-signature` header of `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyOptions {
  /** The shared secret. */
  secret: string;
  /** The `mcc-signature` header as received. */
  header: string | undefined;
  /** The raw body exactly as received (verify before parsing). */
  body: string;
  /** Largest accepted age (and clock skew) in seconds. Default {@link DEFAULT_SIGNATURE_TOLERANCE_SECONDS}. */
  toleranceSeconds?: number;
  /** Now, in unix seconds. Default the system clock. */
  now?: number;
}

/**
 * For receivers: whether a delivery is authentic and recent: the header parses, its timestamp is
 * within the tolerance (against replay of an old delivery), and one of its `v1` signatures
 * matches (compared in constant time). Never throws on a malformed header: answers false.
 */
export function verifyWebhook(options: VerifyOptions): boolean {
  const { header, secret, body } = options;
  if (typeof header !== 'string' || header.length > 1024) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || !signatures.length) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
}
