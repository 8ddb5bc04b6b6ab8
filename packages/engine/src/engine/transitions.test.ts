import { describe, expect, test } from 'vitest';
import type { TimersConfig } from '../config/schema.js';
import type { SessionRecord } from '../model/session-record.js';
import * as t from './transitions.js';

const timers = {
  newSessionTtlMs: 60_000,
  bookingTimeoutMs: 20_000,
  closedRetentionMs: 3_600_000,
  closeGracePeriodMs: 0,
} as TimersConfig;

/** The definition the transitions follow: `{ ...s, ...changes, ...fixed }` without undefined fields. */
function reference(
  s: SessionRecord,
  now: number,
  changes: Record<string, unknown>,
  timer?: [string, number],
): string {
  const merged: Record<string, unknown> = {
    ...s,
    ...changes,
    updatedAt: now,
    timer: timer?.[0],
    timerAt: timer?.[1],
  };
  return JSON.stringify(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
}

const created = t.created(
  { id: 's1', channelId: 3, serviceCode: 'SUPPORT', data: 'd', description: undefined, contactId: 'c' },
  1000,
  timers,
);
const queued = t.queued(created, 2000, 7);
const booked = t.booked(queued, 3000, 'anna', 'manual', timers);
const withData = t.withSessionData(booked, 3500, 'x');

describe('transitions build the next record in one pass, as the spread would', () => {
  test('created: its fields, then the timestamps and the expiry timer; no undefined field', () => {
    expect(JSON.stringify(created)).toBe(
      JSON.stringify({
        id: 's1',
        channelId: 3,
        serviceCode: 'SUPPORT',
        data: 'd',
        contactId: 'c',
        status: 'NEW',
        createdAt: 1000,
        updatedAt: 1000,
        timer: 'expire',
        timerAt: 61_000,
      }),
    );
    expect(Object.values(created)).not.toContain(undefined);
  });

  test.each([
    ['queued', queued, reference(created, 2000, { status: 'QUEUED', queueKey: 7, username: undefined })],
    [
      'booked',
      booked,
      reference(queued, 3000, { status: 'BOOKED', username: 'anna', queueKey: undefined }, [
        'bookingTimeout',
        23_000,
      ]),
    ],
    ['assigned', t.assigned(booked, 4000), reference(booked, 4000, { status: 'ASSIGNED' })],
    [
      'closing',
      t.closing(booked, 4000, 'REQUEST_FROM_CALLER', 500),
      reference(booked, 4000, { closing: { reason: 'REQUEST_FROM_CALLER', at: 4000 } }, [
        'finishClose',
        4500,
      ]),
    ],
    [
      'closed',
      t.closed(withData, 5000, 'REQUEST_FROM_CALLEE', timers),
      reference(
        withData,
        5000,
        {
          status: 'CLOSED',
          closedAt: 5000,
          closeCause: 'REQUEST_FROM_CALLEE',
          closing: undefined,
          queueKey: undefined,
        },
        ['purge', 3_605_000],
      ),
    ],
    [
      'session data cleared',
      t.withSessionData(withData, 6000, ''),
      reference(withData, 6000, { sessionData: undefined }, ['bookingTimeout', 23_000]),
    ],
    [
      'custom message',
      t.withCustomMessage(queued, 6000, 'hello'),
      reference(queued, 6000, { customMessage: 'hello' }),
    ],
  ])('%s: the same fields, values and order', (_name, actual, expected) => {
    expect(JSON.stringify(actual)).toBe(expected);
    expect(Object.values(actual)).not.toContain(undefined);
  });

  test('a field the record holds with an undefined value keeps no key', () => {
    const loose = { ...created, username: undefined, queueKey: undefined } as SessionRecord;
    const next = t.queued(loose, 2000, 9);
    expect(Object.keys(next)).not.toContain('username');
    expect(JSON.stringify(next)).toBe(
      reference(loose, 2000, { status: 'QUEUED', queueKey: 9, username: undefined }),
    );
  });
});
