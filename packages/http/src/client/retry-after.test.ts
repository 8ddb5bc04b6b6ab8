import { MccClientError, withRetry } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { readRetryAfter } from './retry-after.js';

describe('Retry-After', () => {
  test('seconds or an HTTP date, as milliseconds from now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRetryAfter('3', now)).toBe(3000);
    expect(readRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(readRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(readRetryAfter(undefined, now)).toBeUndefined();
    expect(readRetryAfter('soon', now)).toBeUndefined();
  });

  test('withRetry waits what the server asked, and gives up when that is beyond its cap', async () => {
    const busy = (retryAfterMs: number) =>
      new MccClientError('HTTP_ERROR', 'busy', { status: 429, retryable: true, retryAfterMs });
    const delays: number[] = [];
    let attempts = 0;
    const result = await withRetry(
      'checkSession',
      { sessionId: 's' },
      async () => {
        if (attempts++ === 0) throw busy(5);
        return { result: 'FAILED', failReason: 'SESSION_NOT_FOUND' } as never;
      },
      { onRetry: (event) => delays.push(event.delayMs) },
    );
    expect(result).toMatchObject({ result: 'FAILED' });
    expect(delays).toEqual([5]);
    attempts = 0;
    await expect(
      withRetry(
        'checkSession',
        { sessionId: 's' },
        async () => {
          attempts++;
          throw busy(60_000);
        },
        { maxDelayMs: 2000 },
      ),
    ).rejects.toMatchObject({ status: 429 });
    expect(attempts).toBe(1);
  });
});
