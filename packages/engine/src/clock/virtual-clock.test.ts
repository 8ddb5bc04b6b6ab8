import { describe, expect, test } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  test('fires due timers in time order, each seeing its own time, and awaits them', async () => {
    const clock = new VirtualClock(1000);
    const seen: Array<[string, number]> = [];
    clock.setTimer(1300, async () => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(['b', clock.now()]);
    });
    clock.setTimer(1100, () => {
      seen.push(['a', clock.now()]);
      clock.setTimer(1200, () => void seen.push(['a2', clock.now()]));
    });
    const late = clock.setTimer(1250, () => void seen.push(['cancelled', clock.now()]));
    late.cancel();
    await clock.advance(300);
    expect(seen).toEqual([
      ['a', 1100],
      ['a2', 1200],
      ['b', 1300],
    ]);
    expect(clock.now()).toBe(1300);
    expect(clock.pendingTimers).toBe(0);
  });

  test('does not fire timers beyond the target; setTime never goes back', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(100, () => {
      fired = true;
    });
    await clock.advance(99);
    expect(fired).toBe(false);
    await clock.setTime(50);
    expect(clock.now()).toBe(99);
    await clock.setTime(100);
    expect(fired).toBe(true);
  });

  test('runs with real time once resumed, and stops when paused', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(20, () => {
      fired = true;
    });
    clock.resume();
    expect(clock.running).toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(true);
    clock.pause();
    const frozen = clock.now();
    expect(frozen).toBeGreaterThanOrEqual(20);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now()).toBe(frozen);
  });
});

describe('VirtualClock repeating timers', () => {
  test('tick every period of virtual time, once per jump over several periods, until cancelled', async () => {
    const clock = new VirtualClock(0);
    const ticks: number[] = [];
    const order: string[] = [];
    const every = clock.setRepeatingTimer(100, () => {
      ticks.push(clock.now());
      order.push('tick');
    });
    clock.setTimer(250, () => void order.push('once'));
    await clock.advance(99);
    expect(ticks).toEqual([]);
    await clock.advance(1);
    expect(ticks).toEqual([100]);
    await clock.advance(100);
    expect(ticks).toEqual([100, 200]);
    // 200 → 550 passes the ticks at 300, 400 and 500: one call, at 500, after the timer at 250.
    await clock.advance(350);
    expect(ticks).toEqual([100, 200, 500]);
    expect(order).toEqual(['tick', 'tick', 'once', 'tick']);
    await clock.advance(50);
    expect(ticks).toEqual([100, 200, 500, 600]);
    every.cancel();
    await clock.advance(1000);
    expect(ticks).toEqual([100, 200, 500, 600]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('rejects a period that is not positive', () => {
    expect(() => new VirtualClock(0).setRepeatingTimer(0, () => {})).toThrow(RangeError);
  });
});
