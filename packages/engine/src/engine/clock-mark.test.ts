import { describe, expect, test } from 'vitest';
import { systemClock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { SessionStore } from '../store/store.js';
import { stateKey } from './agent-state.js';
import { CLOCK_MARK_EVERY_MS } from './clock-mark.js';
import { createEngine } from './engine.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** The memory store, counting the writes of the clock mark. */
function countingStore(): { store: SessionStore; markWrites: () => number } {
  const store = createMemoryStore();
  let writes = 0;
  const transaction: SessionStore['transaction'] = (work) =>
    store.transaction((tx) =>
      work({
        ...tx,
        putState: (key, value) => {
          if (key === stateKey.clock) writes++;
          return tx.putState(key, value);
        },
      }),
    );
  return { store: { ...store, transaction }, markWrites: () => writes };
}

describe('the clock mark', () => {
  test('an engine on a VirtualClock starts at the mark another engine left in the store', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock(T0);
    const first = await createEngine({ store, clock });
    await clock.advance(5 * 3_600_000);
    await first.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 's' });
    const laterClock = new VirtualClock(T0);
    await createEngine({ store, clock: laterClock });
    expect(laterClock.now()).toBe(T0 + 5 * 3_600_000);
  });

  test('is written at most once per CLOCK_MARK_EVERY_MS of clock time, whatever the number of transactions', async () => {
    const { store, markWrites } = countingStore();
    const clock = new VirtualClock(T0);
    const engine = await createEngine({ store, clock });
    expect(markWrites()).toBe(1);
    for (let i = 0; i < 20; i++) await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    await clock.advance(CLOCK_MARK_EVERY_MS - 1);
    await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    expect(markWrites()).toBe(1);
    await clock.advance(1);
    await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    expect(markWrites()).toBe(2);
  });

  test('the system clock is never moved, even when the store saw a later time', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock(Date.now() + 86_400_000);
    await createEngine({ store, clock });
    const engine = await createEngine({ store, clock: systemClock });
    const before = Date.now();
    const started = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    const session =
      started.result === 'SUCCESS' ? await engine.control.getSession(started.sessionId) : undefined;
    expect(session?.createdAt).toBeGreaterThanOrEqual(before);
    expect(session?.createdAt).toBeLessThanOrEqual(Date.now());
  });
});
