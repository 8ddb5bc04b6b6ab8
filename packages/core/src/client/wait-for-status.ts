import type { CheckSessionResult } from '../operations/index.js';
import type { MccService } from '../service.js';
import type { SessionStatus } from '../wire/enums.js';
import { MccClientError } from './client-error.js';

/** Options of {@link waitForSessionStatus}. */
export interface WaitOptions {
  /** Give up after this long. Default 30 000 ms. */
  timeoutMs?: number;
  /** First delay between polls. Default 100 ms. */
  minDelayMs?: number;
  /** Longest delay between polls (the delay doubles up to it). Default 2000 ms. */
  maxDelayMs?: number;
  /** Stop waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Polls `checkSession` until the session reaches one of `statuses`: at once, then with doubling
 * delays. Resolves with the answer that reached one; rejects with `WAIT_TIMEOUT` when time runs
 * out, `WAIT_FAILED` on a FAILED answer (e.g. the session is unknown), or the signal's reason
 * on abort. Works with any `MccService` — REST client, SOAP client or engine.
 */
export async function waitForSessionStatus(
  service: Pick<MccService, 'checkSession'>,
  sessionId: string,
  statuses: SessionStatus | readonly SessionStatus[],
  options: WaitOptions = {},
): Promise<Extract<CheckSessionResult, { result: 'SUCCESS' }>> {
  const wanted = new Set<string>(typeof statuses === 'string' ? [statuses] : statuses);
  const { timeoutMs = 30_000, minDelayMs = 100, maxDelayMs = 2000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let delay = minDelayMs;
  let last: CheckSessionResult | undefined;
  const timedOut = (cause?: unknown) =>
    new MccClientError(
      'WAIT_TIMEOUT',
      `session ${sessionId} did not reach ${[...wanted].join('/')} within ${timeoutMs} ms${last?.result === 'SUCCESS' ? ` (last status ${last.status})` : ''}`,
      { operation: 'checkSession', details: { result: last }, cause },
    );
  for (;;) {
    signal?.throwIfAborted();
    const remaining = deadline - Date.now();
    if (last && remaining <= 0) throw timedOut();
    try {
      last = await service.checkSession(
        { sessionId },
        { ...(signal ? { signal } : {}), timeoutMs: Math.max(1, remaining) },
      );
    } catch (error) {
      // A poll cut short by the waiter's own deadline is the waiter timing out.
      if (error instanceof MccClientError && error.code === 'TIMEOUT' && Date.now() >= deadline)
        throw timedOut(error);
      throw error;
    }
    if (last.result === 'FAILED') {
      throw new MccClientError('WAIT_FAILED', `checkSession(${sessionId}) failed: ${last.failReason}`, {
        operation: 'checkSession',
        details: { result: last },
      });
    }
    if (wanted.has(last.status)) return last;
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, Math.min(delay, left));
      function done() {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(timer);
        reject(signal?.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    delay = Math.min(maxDelayMs, delay * 2);
  }
}
