import { describe, expect, test } from 'vitest';
import { systemClock } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { SessionStore } from '../store/store.js';
import { stateKey } from './agent-state.js';
import { CLOCK_MARK_EVERY_MS } from './clock-mark.js';
import { createEngine } from './engine.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** The memory store, recording the writes of clock marks (and whether other writes shared their transaction). */
function countingStore(base: SessionStore = createMemoryStore()): {
  store: SessionStore;
  markWrites: () => number;
  writes: Array<{ key: string; alone: boolean }>;
} {
  const writes: Array<{ key: string; alone: boolean }> = [];
  const transaction: SessionStore['transaction'] = (work) =>
    base.transaction((tx) => {
      let others = 0;
      const mine: Array<{ key: string; alone: boolean }> = [];
      const counted =
        <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
        (...args: A) => {
          others++;
          return f(...args);
        };
      return work({
        ...tx,
        insertSession: counted(tx.insertSession),
        updateSession: counted(tx.updateSession),
        appendEvent: counted(tx.appendEvent),
        putState: (key, value) => {
          if (key.startsWith(`${stateKey.clock}:`)) {
            const write = { key, alone: true };
            mine.push(write);
            writes.push(write);
          } else others++;
          return tx.putState(key, value);
        },
      }).finally(() => {
        for (const write of mine) write.alone = others === 0;
      });
    });
  return {
    store: { kind: base.kind, transaction, read: base.read, readEvents: base.readEvents, close: base.close },
    markWrites: () => writes.length,
    writes,
  };
}

/** The marks in a store, by key. */
async function marks(store: SessionStore): Promise<Map<string, unknown>> {
  const rows = await store.read((tx) => tx.listState(stateKey.clock));
  return new Map(rows.map((r) => [r.key, r.value]));
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

  test('each node writes only its own mark, in a transaction of its own; resume takes the highest', async () => {
    const { store, writes } = countingStore();
    const clockA = new VirtualClock(T0);
    const clockB = new VirtualClock(T0);
    const a = await createEngine({ store, clock: clockA, nodeId: 'a' });
    const b = await createEngine({ store, clock: clockB, nodeId: 'b' });
    await clockA.advance(7_000);
    await a.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    await clockB.advance(3_000);
    await b.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    expect(await marks(store)).toEqual(
      new Map([
        [stateKey.clockOf('a'), { at: T0 + 7_000 }],
        [stateKey.clockOf('b'), { at: T0 + 3_000 }],
      ]),
    );
    // Never together with the transaction's own writes: no session transaction holds a mark row.
    expect(writes.map((w) => w.key)).toEqual(['a', 'a', 'b'].map((n) => stateKey.clockOf(n)));
    expect(writes.every((w) => w.alone)).toBe(true);
    const later = new VirtualClock(T0);
    await createEngine({ store, clock: later, nodeId: 'c' });
    expect(later.now()).toBe(T0 + 7_000);
  });

  test('concurrent transactions of one node share one raise of its mark', async () => {
    const { store, markWrites } = countingStore();
    const clock = new VirtualClock(T0);
    const engine = await createEngine({ store, clock });
    await clock.advance(CLOCK_MARK_EVERY_MS);
    const before = markWrites();
    const starts = await Promise.all(
      Array.from({ length: 10 }, () => engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' })),
    );
    expect(starts.filter((r) => r.result === 'SUCCESS')).toHaveLength(starts.length);
    expect(markWrites() - before).toBe(1);
  });

  test('a clean close marks the clock time exactly, even with nothing stored since', async () => {
    const store = createMemoryStore();
    const clock = new VirtualClock(T0);
    const engine = await createEngine({ store: { ...store, close: async () => {} }, clock, nodeId: 'n' });
    await clock.advance(15 * 3_600_000 + 123);
    await engine.close();
    expect((await marks(store)).get(stateKey.clockOf('n'))).toEqual({ at: T0 + 15 * 3_600_000 + 123 });
  });

  test('a close on a running clock raises the mark once, to the time of the close, however slow the store', async () => {
    const { store, markWrites } = countingStore();
    const slow: SessionStore = {
      ...store,
      // Every transaction takes a few milliseconds, during which the system clock moves on.
      transaction: (work) =>
        store.transaction(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 3));
          return work(tx);
        }),
      close: async () => {},
    };
    const engine = await createEngine({ store: slow, clock: systemClock, nodeId: 'n' });
    const before = markWrites();
    const closedAt = Date.now();
    await engine.close();
    expect(markWrites() - before).toBe(1);
    const at = ((await marks(store)).get(stateKey.clockOf('n')) as { at: number }).at;
    expect(at).toBeGreaterThanOrEqual(closedAt);
    expect(at).toBeLessThan(Date.now());
  });

  test('resume reads the single mark older engines wrote, and deletes marks a minute behind the highest', async () => {
    const store = createMemoryStore();
    await store.transaction(async (tx) => {
      await tx.putState(stateKey.clock, { at: T0 + 90_000 });
      await tx.putState(stateKey.clockOf('gone'), { at: T0 });
      await tx.putState(stateKey.clockOf('recent'), { at: T0 + 31_000 });
      await tx.putState(`${stateKey.clock}x`, { at: T0 + 999_999 });
    });
    const clock = new VirtualClock(T0);
    await createEngine({ store, clock, nodeId: 'new' });
    expect(clock.now()).toBe(T0 + 90_000);
    const left = await marks(store);
    expect(left.has(stateKey.clockOf('gone'))).toBe(false);
    expect(left.get(stateKey.clockOf('recent'))).toEqual({ at: T0 + 31_000 });
    expect(left.get(`${stateKey.clock}x`)).toEqual({ at: T0 + 999_999 });
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
