import { createEngine, VirtualClock } from '@mcc/engine';
import { describe, expect, test } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Starts an engine on `directory` with a virtual clock that starts at `wall` (the playground's `new VirtualClock(Date.now())`). */
async function open(directory: string, wall = T0) {
  const clock = new VirtualClock(wall);
  const store = createSqliteStore({ directory });
  const engine = await createEngine({ store, clock });
  return { clock, store, engine };
}

describe('virtual time across a restart on SQLite (close and reopen the same directory)', () => {
  test('after a clean close the clock resumes where it stopped, and stored timers keep their distance', async () => {
    const directory = tempDir();
    const first = await open(directory);
    await first.clock.advance(15 * HOUR);
    expect(
      await first.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'late' }),
    ).toMatchObject({ result: 'SUCCESS' });
    // The NEW session expires 10 min later (a transaction at T0+15h10m), then an hour passes with nothing stored.
    await first.clock.advance(HOUR);
    expect(await first.engine.control.getSession('late')).toMatchObject({
      status: 'CLOSED',
      closeCause: 'EXPIRED',
      closedAt: T0 + 15 * HOUR + 10 * MINUTE,
    });
    await first.engine.close();

    // Back at wall time T0: the clock moves up to where the first engine stopped, not back 16 h.
    const second = await open(directory);
    expect(second.clock.now()).toBe(T0 + 16 * HOUR);
    // The purge is due one hour after the close: 10 min from here, as it was before the restart.
    await second.clock.advance(10 * MINUTE - 1);
    expect((await second.engine.checkSession({ sessionId: 'late' })).result).toBe('SUCCESS');
    await second.clock.advance(1);
    expect(await second.engine.checkSession({ sessionId: 'late' })).toMatchObject({
      result: 'FAILED',
      failReason: 'INVALID_SESSION_ID',
    });
    await second.engine.close();
  });

  test('after a crash (the store closed under the engine) the clock resumes at the last mark: at most a second behind', async () => {
    const directory = tempDir();
    const first = await open(directory);
    await first.clock.advance(15 * HOUR);
    await first.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'late' });
    // Half a second later another change, too soon to raise the mark again.
    await first.clock.advance(500);
    await first.engine.setSessionData({ sessionId: 'late', sessionData: 'x' });
    const stored = await first.engine.control.getSession('late');
    await first.store.close(); // no engine.close(): nothing is written on the way down

    const second = await open(directory);
    // The mark was raised with the start, at T0+15h; the later change is 500 ms past it.
    expect(second.clock.now()).toBe(T0 + 15 * HOUR);
    const session = await second.engine.control.getSession('late');
    expect(session).toEqual(stored);
    expect((session?.updatedAt ?? 0) - second.clock.now()).toBe(500);
    expect((session?.timerAt ?? 0) - second.clock.now()).toBe(10 * MINUTE);
    await second.clock.advance(10 * MINUTE - 1);
    expect((await second.engine.checkSession({ sessionId: 'late' })).status).toBe('NEW');
    await second.clock.advance(1);
    expect((await second.engine.checkSession({ sessionId: 'late' })).status).toBe('CLOSED');
    await second.engine.close();
  });

  test('a wall time past the mark wins: the clock stays there and the timers due meanwhile fire', async () => {
    const directory = tempDir();
    const first = await open(directory);
    await first.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'old' });
    await first.engine.close();

    const second = await open(directory, T0 + 2 * HOUR);
    expect(second.clock.now()).toBe(T0 + 2 * HOUR);
    await second.clock.advance(0);
    expect(await second.engine.control.getSession('old')).toMatchObject({
      status: 'CLOSED',
      closeCause: 'EXPIRED',
      closedAt: T0 + 2 * HOUR,
    });
    await second.engine.close();
  });
});
