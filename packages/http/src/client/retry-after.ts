/**
 * Reads an HTTP `Retry-After` value (delay-seconds or an HTTP-date, RFC 9110 §10.2.3) as a delay
 * in milliseconds from `now`; `undefined` when absent or unreadable.
 */
export function readRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
