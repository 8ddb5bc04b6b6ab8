import { describe, expect, test } from 'vitest';
import type { CheckSessionResult } from '../operations/index.js';
import { MccClientError } from './client-error.js';
import { canStillReach } from './session-lifecycle.js';
import { type WaitClock, waitForSessionStatus } from './wait-for-status.js';

/** A clock whose timers fire at once, moving time forward: virtual time without waiting. */
function jumpingClock(start = 0): WaitClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    setTimer(at, callback) {
      slept.push(at - now);
      now = Math.max(now, at);
      queueMicrotask(callback);
      return { cancel() {} };
    },
  };
}

function scripted(statuses: string[]) {
  let n = 0;
  return {
    polls: () => n,
    service: {
      async checkSession(): Promise<CheckSessionResult> {
        const status = statuses[Math.min(n++, statuses.length - 1)];
        return { result: 'SUCCESS', sessionId: 's', status } as CheckSessionResult;
      },
    },
  };
}

describe('waitForSessionStatus', () => {
  test('a CLOSED session settles at once with WAIT_UNREACHABLE, after one poll', async () => {
    const { service, polls } = scripted(['CLOSED']);
    const clock = jumpingClock();
    const e = await waitForSessionStatus(service, 's', 'ASSIGNED', { timeoutMs: 4000, clock }).then(
      () => undefined,
      (x: unknown) => x as MccClientError,
    );
    expect(e).toBeInstanceOf(MccClientError);
    expect(e?.code).toBe('WAIT_UNREACHABLE');
    expect(e?.details?.result).toMatchObject({ status: 'CLOSED' });
    expect(polls()).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  test('ASSIGNED can no longer become QUEUED; an unknown status keeps the wait going', async () => {
    const { service } = scripted(['ASSIGNED']);
    await expect(
      waitForSessionStatus(service, 's', 'QUEUED', { clock: jumpingClock() }),
    ).rejects.toMatchObject({ code: 'WAIT_UNREACHABLE' });
    const other = scripted(['TRANSFERRED', 'TRANSFERRED', 'ASSIGNED']);
    await expect(
      waitForSessionStatus(other.service, 's', 'ASSIGNED', { clock: jumpingClock() }),
    ).resolves.toMatchObject({ status: 'ASSIGNED' });
    expect(other.polls()).toBe(3);
  });

  test('waiting for CLOSED resolves on CLOSED', async () => {
    const { service } = scripted(['QUEUED', 'CLOSED']);
    await expect(
      waitForSessionStatus(service, 's', 'CLOSED', { clock: jumpingClock() }),
    ).resolves.toMatchObject({ status: 'CLOSED' });
  });

  test('runs on the injected clock: doubling delays, WAIT_TIMEOUT in virtual time', async () => {
    const { service, polls } = scripted(['NEW']);
    const clock = jumpingClock(1_000_000);
    const seen: string[] = [];
    const e = await waitForSessionStatus(service, 's', 'ASSIGNED', {
      timeoutMs: 1000,
      minDelayMs: 100,
      maxDelayMs: 400,
      clock,
      onStatus: (a) => seen.push(a.status),
    }).then(
      () => undefined,
      (x: unknown) => x as MccClientError,
    );
    expect(e?.code).toBe('WAIT_TIMEOUT');
    expect(clock.slept).toEqual([100, 200, 400, 300]);
    expect(polls()).toBe(4);
    expect(seen).toEqual(['NEW']);
  });

  test('the lifecycle: what each status can still become', () => {
    expect(canStillReach('NEW', 'ASSIGNED')).toBe(true);
    expect(canStillReach('BOOKED', 'QUEUED')).toBe(true);
    expect(canStillReach('ASSIGNED', 'BOOKED')).toBe(false);
    expect(canStillReach('CLOSED', 'NEW')).toBe(false);
    expect(canStillReach('UNKNOW', 'NEW')).toBe(true);
  });

  test('each poll is limited to pollTimeoutMs (else the time left, at most 30 s)', async () => {
    const limits: Array<number | undefined> = [];
    const service = {
      async checkSession(_request: unknown, options?: { timeoutMs?: number }): Promise<CheckSessionResult> {
        limits.push(options?.timeoutMs);
        return { result: 'SUCCESS', sessionId: 's', status: limits.length < 2 ? 'NEW' : 'ASSIGNED' };
      },
    };
    await waitForSessionStatus(service, 's', 'ASSIGNED', { clock: jumpingClock(), timeoutMs: 3_600_000 });
    expect(limits).toEqual([30_000, 30_000]);
    limits.length = 0;
    await waitForSessionStatus(service, 's', 'ASSIGNED', { clock: jumpingClock(), pollTimeoutMs: 500 });
    expect(limits).toEqual([500, 500]);
    limits.length = 0;
    await waitForSessionStatus(service, 's', 'ASSIGNED', {
      clock: jumpingClock(),
      timeoutMs: 50,
      minDelayMs: 10,
    });
    expect(limits).toEqual([50, 40]);
  });
});
