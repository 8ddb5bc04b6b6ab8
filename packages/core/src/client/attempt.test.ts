import { describe, expect, test } from 'vitest';
import { startAttempt } from './attempt.js';
import { MccClientError } from './client-error.js';
import { withRetry } from './retry.js';

describe('startAttempt', () => {
  test('classifies a failure: caller abort, own deadline, network', async () => {
    const caller = new AbortController();
    const aborted = startAttempt('checkSession', 10_000, caller.signal);
    caller.abort();
    expect(aborted.signal.aborted).toBe(true);
    expect(aborted.failure(new Error('x'))).toMatchObject({
      code: 'ABORTED',
      retryable: false,
      operation: 'checkSession',
    });

    const late = startAttempt('checkSession', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(late.failure(new Error('x'))).toMatchObject({ code: 'TIMEOUT', retryable: true });

    const refused = startAttempt('checkSession', 10_000).failure(
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    );
    expect(refused).toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
      details: { networkCode: 'ECONNREFUSED' },
    });

    const own = new MccClientError('HTTP_ERROR', 'x');
    expect(startAttempt('checkSession', 10).failure(own)).toBe(own);
  });
});

describe('withRetry', () => {
  test('an abort during the backoff is ABORTED, and nothing is sent again', async () => {
    const caller = new AbortController();
    let calls = 0;
    const run = withRetry(
      'checkSession',
      { sessionId: 's' },
      async () => {
        calls++;
        throw new MccClientError('NETWORK_ERROR', 'down', { retryable: true });
      },
      // The caller gives up as the backoff starts.
      { minDelayMs: 1000, maxDelayMs: 1000, retries: 3, onRetry: () => caller.abort() },
      caller.signal,
    );
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    expect(calls).toBe(1);
  });
});
