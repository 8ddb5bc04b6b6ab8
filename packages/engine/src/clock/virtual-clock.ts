import type { Clock, TimerHandle } from './clock.js';

interface Pending {
  at: number;
  order: number;
  callback: () => void | Promise<void>;
  cancelled: boolean;
  /** Repeating timers: the period. */
  every?: number;
}

/**
 * A clock whose time moves only when told to — or, once `resume()`d, with real time from where it
 * stands. `advance()` fires due timers one by one in time order, setting `now()` to each timer's
 * time and awaiting its callback, so every timer runs deterministically.
 */
export class VirtualClock implements Clock {
  #now: number;
  #order = 0;
  #pending: Pending[] = [];
  /** While running: the real time and virtual time at the last anchor. */
  #anchor: { real: number; virtual: number } | undefined;
  #realTimer: NodeJS.Timeout | undefined;
  #busy: Promise<void> = Promise.resolve();

  constructor(start: number = Date.UTC(2026, 0, 5, 10, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#anchor ? this.#anchor.virtual + (Date.now() - this.#anchor.real) : this.#now;
  }

  /** Whether time moves by itself (after `resume()`). */
  get running(): boolean {
    return this.#anchor !== undefined;
  }

  setTimer(at: number, callback: () => void | Promise<void>): TimerHandle {
    return this.#add({ at, order: this.#order++, callback, cancelled: false });
  }

  /**
   * Calls `callback` every `everyMs` of virtual time. An `advance()` over several periods calls it
   * once, at the last tick it passes (after the timers due before that tick), not once per tick.
   */
  setRepeatingTimer(everyMs: number, callback: () => void | Promise<void>): TimerHandle {
    if (!(everyMs > 0)) throw new RangeError('setRepeatingTimer() takes a positive period');
    return this.#add({
      at: this.now() + everyMs,
      order: this.#order++,
      callback,
      cancelled: false,
      every: everyMs,
    });
  }

  #add(entry: Pending): TimerHandle {
    this.#insert(entry);
    this.#armReal();
    return {
      cancel: () => {
        entry.cancelled = true;
        this.#pending = this.#pending.filter((p) => p !== entry);
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative number of milliseconds');
    return this.#serialize(() => this.#runUntil(this.now() + ms));
  }

  /** Moves time to `at` (never backwards), firing due timers on the way. */
  setTime(at: number): Promise<void> {
    return this.#serialize(() => this.#runUntil(Math.max(at, this.now())));
  }

  /** Stops time where it is. */
  pause(): void {
    if (!this.#anchor) return;
    this.#now = this.now();
    this.#anchor = undefined;
    clearTimeout(this.#realTimer);
  }

  /** Lets time run at real speed from where it stands. */
  resume(): void {
    if (this.#anchor) return;
    this.#anchor = { real: Date.now(), virtual: this.#now };
    this.#armReal();
  }

  /** Number of armed timers (for tests and diagnostics). */
  get pendingTimers(): number {
    return this.#pending.length;
  }

  #insert(entry: Pending): void {
    this.#pending.push(entry);
    this.#pending.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  #serialize(task: () => Promise<void>): Promise<void> {
    const run = this.#busy.then(task, task);
    this.#busy = run.catch(() => {});
    return run;
  }

  async #runUntil(target: number): Promise<void> {
    const wasRunning = this.running;
    this.pause();
    for (;;) {
      const next = this.#pending[0];
      if (!next || next.at > target) break;
      this.#pending.shift();
      const at = next.at;
      if (next.every !== undefined) {
        // A repeating timer runs once per jump: first moved to the last of its ticks up to the
        // target (the timers due before that tick run first), then re-armed one period later.
        const last = at + Math.floor((target - at) / next.every) * next.every;
        next.at = last > at ? last : at + next.every;
        this.#insert(next);
        if (last > at) continue;
      }
      if (at > this.#now) this.#now = at;
      await next.callback();
    }
    this.#now = Math.max(this.#now, target);
    if (wasRunning) this.resume();
  }

  #armReal(): void {
    clearTimeout(this.#realTimer);
    const next = this.#pending[0];
    if (!this.#anchor || !next) return;
    const wait = Math.max(0, next.at - this.now());
    this.#realTimer = setTimeout(() => void this.#serialize(() => this.#runUntil(this.now())), wait);
    this.#realTimer.unref?.();
  }
}
