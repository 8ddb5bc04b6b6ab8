import type { CheckSessionResult, CheckSessionSuccess } from '../operations/index.js';
import type { MccService } from '../service.js';
import type { SessionStatus } from '../wire/enums.js';
import { MccClientError } from './client-error.js';
import { DEFAULT_TIMEOUT_MS } from './client-options.js';
import { canStillReach } from './session-lifecycle.js';

/**
 * Where the waiter reads time and sleeps: the same shape as the engine's `Clock`, so a
 * `VirtualClock` lets code under test wait in virtual time.
 */
export interface WaitClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once the clock reaches `at`. */
  setTimer(at: number, callback: () => void): { cancel(): void };
}

/** Options of {@link waitForSessionStatus}. */
export interface WaitOptions {
  /** Give up after this long. Default 30 000 ms. */
  timeoutMs?: number;
  /** First delay between polls. Default 100 ms. */
  minDelayMs?: number;
  /** Longest delay between polls (the delay doubles up to it). Default 2000 ms. */
  maxDelayMs?: number;
  /**
   * Time limit of each poll (a poll that passes it rejects with the client's `TIMEOUT`). Default:
   * the time left, at most 30 000 ms.
   */
  pollTimeoutMs?: number;
  /** Stop waiting (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** The clock to read time and sleep on. Default: the system clock. */
  clock?: WaitClock;
  /** Called with every answer that shows a status different from the previous one. */
  onStatus?: (answer: CheckSessionSuccess) => void;
}

const systemClock: WaitClock = {
  now: () => Date.now(),
  setTimer(at, callback) {
    const timer = setTimeout(callback, Math.max(0, at - Date.now()));
    return { cancel: () => clearTimeout(timer) };
  },
};

function sleep(clock: WaitClock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = clock.setTimer(clock.now() + ms, done);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      timer.cancel();
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `checkSession` until the session reaches one of `statuses`: at once, then with doubling
 * delays. Resolves with the answer that reached one. Rejects with `WAIT_UNREACHABLE` as soon as
 * the session is in a status from which none of them can be reached any more (CLOSED, or ASSIGNED
 * when waiting for QUEUED), `WAIT_TIMEOUT` when time runs out, `WAIT_FAILED` on a FAILED answer
 * (e.g. the session is unknown), or the signal's reason on abort; `details.result` is the last
 * answer. Works with any `MccService` — REST client, SOAP client or engine.
 */
export async function waitForSessionStatus(
  service: Pick<MccService, 'checkSession'>,
  sessionId: string,
  statuses: SessionStatus | readonly SessionStatus[],
  options: WaitOptions = {},
): Promise<CheckSessionSuccess> {
  const wanted: readonly string[] = typeof statuses === 'string' ? [statuses] : statuses;
  const { timeoutMs = 30_000, minDelayMs = 100, maxDelayMs = 2000, signal } = options;
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + timeoutMs;
  let delay = minDelayMs;
  let last: CheckSessionResult | undefined;
  const fail = (code: 'WAIT_TIMEOUT' | 'WAIT_UNREACHABLE', message: string, cause?: unknown) =>
    new MccClientError(code, message, { operation: 'checkSession', details: { result: last }, cause });
  const timedOut = (cause?: unknown) =>
    fail(
      'WAIT_TIMEOUT',
      `session ${sessionId} did not reach ${wanted.join('/')} within ${timeoutMs} ms${last?.result === 'SUCCESS' ? ` (last status ${last.status})` : ''}`,
      cause,
    );
  for (;;) {
    signal?.throwIfAborted();
    const remaining = deadline - clock.now();
    if (last && remaining <= 0) throw timedOut();
    const previous: CheckSessionResult | undefined = last;
    try {
      last = await service.checkSession(
        { sessionId },
        {
          ...(signal ? { signal } : {}),
          timeoutMs: Math.max(1, Math.min(remaining, options.pollTimeoutMs ?? DEFAULT_TIMEOUT_MS)),
        },
      );
    } catch (error) {
      // A poll cut short by the waiter's own deadline is the waiter timing out.
      if (error instanceof MccClientError && error.code === 'TIMEOUT' && clock.now() >= deadline)
        throw timedOut(error);
      throw error;
    }
    if (last.result === 'FAILED') {
      throw new MccClientError('WAIT_FAILED', `checkSession(${sessionId}) failed: ${last.failReason}`, {
        operation: 'checkSession',
        details: { result: last },
      });
    }
    const status: string = last.status;
    if (previous?.result !== 'SUCCESS' || previous.status !== status) options.onStatus?.(last);
    if (wanted.includes(status)) return last;
    if (!wanted.some((w) => canStillReach(status, w))) {
      throw fail(
        'WAIT_UNREACHABLE',
        `session ${sessionId} is ${status}: ${wanted.join('/')} can no longer be reached`,
      );
    }
    const left = deadline - clock.now();
    if (left <= 0) throw timedOut();
    await sleep(clock, Math.min(delay, left), signal);
    delay = Math.min(maxDelayMs, delay * 2);
  }
}
