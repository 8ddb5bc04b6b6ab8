import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { call, playground } from './support.js';

const REST = '/mc/cxf/rest/json';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('virtual time across a restart of the playground on SQLite', () => {
  test('a clock jumped 15 h ahead comes back there, and a stored expiry is still 10 min away', async () => {
    const store = `sqlite:${mkdtempSync(join(tmpdir(), 'mcc-virtual-time-'))}`;
    const first = await playground({ store });
    const wall = Date.now();
    await call(`${first.url}/api/clock`, { method: 'POST', json: { action: 'advance', ms: 15 * HOUR } });
    const started = await call(
      `${first.url}${REST}/startSession?channelId=1003&serviceid=SUPPORT&sessionId=late`,
    );
    expect(started.body).toMatchObject({ result: 'SUCCESS' });
    const stopped = (await call(`${first.url}/api/clock`)).body.now as number;
    expect(stopped).toBeGreaterThanOrEqual(wall + 15 * HOUR);
    await first.close();

    const second = await playground({ store });
    const resumed = (await call(`${second.url}/api/clock`)).body;
    // Resumed where it stopped (and running on from there), not at wall time.
    expect(resumed.running).toBe(true);
    expect(resumed.now).toBeGreaterThanOrEqual(stopped);
    expect(resumed.now).toBeLessThan(stopped + MINUTE);
    const session = await second.engine.control.getSession('late');
    expect(session?.status).toBe('NEW');
    const left = (session?.timerAt ?? 0) - second.clock.now();
    expect(left).toBeGreaterThan(9 * MINUTE);
    expect(left).toBeLessThanOrEqual(10 * MINUTE);
  });
});
