/** A scheduled callback, as returned by {@link Clock.setTimer}. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Where the engine reads time and arms its timers. Injected, so that tests and the simulator can
 * run on virtual time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once the clock reaches `at` (at once if it is already past). */
  setTimer(at: number, callback: () => void | Promise<void>): TimerHandle;
  /**
   * Calls `callback` every `everyMs` of clock time, the first time `everyMs` from now, until
   * cancelled. Ticks are not made up for: when time jumps (or the process stalls) past several of
   * them, the callback runs once, at the last tick passed, and the cadence goes on from there.
   */
  setRepeatingTimer(everyMs: number, callback: () => void | Promise<void>): TimerHandle;
}

/**
 * The real clock: `Date.now()`, unref'd `setTimeout`s and `setInterval`s (they never keep a
 * process alive).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, callback) {
    // setTimeout caps at 2^31-1 ms; a longer wait is re-armed on the way.
    const max = 2 ** 31 - 1;
    let timer: NodeJS.Timeout;
    const arm = () => {
      const wait = at - Date.now();
      timer = setTimeout(wait > max ? arm : () => void callback(), Math.max(0, Math.min(wait, max)));
      timer.unref?.();
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  },
  setRepeatingTimer(everyMs, callback) {
    const timer = setInterval(() => void callback(), everyMs);
    timer.unref?.();
    return { cancel: () => clearInterval(timer) };
  },
};
