import { describe, expect, test } from 'vitest';
import type { SessionRecord } from '../model/session-record.js';
import { createMemoryStore } from '../store/memory-store.js';
import { type Ctx, save } from './unit-of-work.js';

const base: SessionRecord = {
  id: 's1',
  channelId: 1003,
  serviceCode: 'SUPPORT',
  status: 'NEW',
  createdAt: 1000,
  updatedAt: 1000,
};

/** The events `save` queues for `prev` → `next`, as JSON text (fields and their order). */
async function eventsOf(prev: SessionRecord | undefined, next: SessionRecord): Promise<string[]> {
  const store = createMemoryStore();
  const ctx = await store.transaction(async (tx) => {
    if (prev) await tx.insertSession(prev);
    const c: Ctx = { tx, now: 5000, events: [] };
    await save(c, prev, next);
    return c;
  });
  await store.close();
  return ctx.events.map((e) => JSON.stringify(e));
}

describe('save: the events of a session write', () => {
  test('a new session: session.started', async () => {
    expect(await eventsOf(undefined, base)).toEqual([
      JSON.stringify({
        type: 'session.started',
        sessionId: 's1',
        channelId: 1003,
        serviceCode: 'SUPPORT',
        status: 'NEW',
        at: 5000,
      }),
    ]);
  });

  test('a status change without an agent: no username, no detail key', async () => {
    const [event] = await eventsOf(base, { ...base, status: 'QUEUED', queueKey: 1 });
    expect(event).toBe(
      JSON.stringify({
        type: 'session.status',
        sessionId: 's1',
        channelId: 1003,
        serviceCode: 'SUPPORT',
        from: 'NEW',
        status: 'QUEUED',
        at: 5000,
      }),
    );
    expect(Object.keys(JSON.parse(event as string))).not.toContain('username');
  });

  test('closed with an agent: the username, then the close cause as detail', async () => {
    const booked: SessionRecord = { ...base, status: 'BOOKED', username: 'ann' };
    expect(
      await eventsOf(booked, {
        ...booked,
        status: 'CLOSED',
        closedAt: 5000,
        closeCause: 'REQUEST_FROM_CALLER',
      }),
    ).toEqual([
      JSON.stringify({
        type: 'session.status',
        sessionId: 's1',
        channelId: 1003,
        serviceCode: 'SUPPORT',
        from: 'BOOKED',
        status: 'CLOSED',
        username: 'ann',
        detail: { cause: 'REQUEST_FROM_CALLER' },
        at: 5000,
      }),
    ]);
  });

  test('nothing that shows changed (same status and agent): no event', async () => {
    expect(await eventsOf(base, { ...base, sessionData: 'x', updatedAt: 2000 })).toEqual([]);
  });
});
