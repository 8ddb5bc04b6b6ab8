import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { SessionRecord } from '../model/session-record.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createEngine } from './engine.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** A NEW session whose expiry is due in 500 ms, written straight to the store as another node would. */
function foreignSession(id: string): SessionRecord {
  return {
    id,
    channelId: 1,
    serviceCode: 'SUPPORT',
    status: 'NEW',
    createdAt: T0,
    updatedAt: T0,
    timer: 'expire',
    timerAt: T0 + 500,
  };
}

async function engineWith(timerPollMs: number | undefined) {
  const clock = new VirtualClock(T0);
  const store = createMemoryStore();
  const engine = await createEngine({ store, clock, ...(timerPollMs ? { timerPollMs } : {}) });
  await store.transaction((tx) => tx.insertSession(foreignSession('other-node')));
  return { clock, engine };
}

describe('timer poll on the injected clock', () => {
  test('a VirtualClock drives the poll: a timer another node wrote fires at the next poll', async () => {
    const { clock, engine } = await engineWith(1000);
    await clock.advance(999);
    expect((await engine.control.getSession('other-node'))?.status).toBe('NEW');
    await clock.advance(1);
    const session = await engine.control.getSession('other-node');
    expect(session).toMatchObject({ status: 'CLOSED', closeCause: 'EXPIRED', closedAt: T0 + 1000 });
    await engine.close();
    expect(clock.pendingTimers).toBe(0);
  });

  test('without a poll the same timer waits (this engine never armed it)', async () => {
    const { clock, engine } = await engineWith(undefined);
    await clock.advance(60_000);
    expect((await engine.control.getSession('other-node'))?.status).toBe('NEW');
    await engine.close();
  });
});
