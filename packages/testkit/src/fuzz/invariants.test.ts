import type { SessionRecord } from '@mcc/engine';
import { describe, expect, test } from 'vitest';
import { sessionRecord } from '../store-conformance.js';
import { createEngineTarget } from '../target.js';
import { checkInvariants } from './invariants.js';

/** A demo contact center whose store also holds `records`, written behind the engine's back. */
async function tampered(...records: SessionRecord[]) {
  const target = await createEngineTarget();
  await target.engine.store.transaction(async (tx) => {
    for (const record of records) await tx.insertSession(record);
  });
  return target;
}

describe('checkInvariants', () => {
  test('holds on a contact center the engine alone changed', async () => {
    const target = await createEngineTarget();
    for (let i = 0; i < 3; i++) {
      const started = (await target.service.startSession({ channelId: 1003, serviceid: 'SUPPORT' })) as {
        sessionId: string;
      };
      await target.service.sessionAccept({ sessionId: started.sessionId, user: 'bob' });
    }
    expect(await checkInvariants(target.control)).toEqual([]);
    await target.close();
  });

  test('reports more open sessions than licences (channel 2 has 2)', async () => {
    const open = (id: string) => sessionRecord(id, { channelId: 2, serviceCode: 'SUPPORT', status: 'NEW' });
    const target = await tampered(open('a'), open('b'), open('c'));
    expect(await checkInvariants(target.control)).toContain('channel 2 has 3 open sessions for 2 licences');
    await target.close();
  });

  test('reports an agent over capacity, a booking without agent and one to an agent without profile', async () => {
    const booked = (id: string, username?: string) =>
      sessionRecord(id, {
        channelId: 1003,
        serviceCode: 'SUPPORT',
        status: 'ASSIGNED',
        ...(username ? { username } : {}),
      });
    const target = await tampered(
      booked('a1', 'alice'),
      booked('a2', 'alice'),
      booked('a3', 'alice'),
      booked('x'),
      booked('c', 'carol'),
    );
    const violations = await checkInvariants(target.control);
    expect(violations).toContain('agent alice holds 3 sessions on channel 1003 (capacity 2)');
    expect(violations).toContain('session "x" is ASSIGNED without an agent');
    expect(violations).toContain('session "c" is booked to "carol", who has no profile for channel 1003');
    await target.close();
  });

  test('reports a session that answered SUCCESS but is gone', async () => {
    const target = await createEngineTarget();
    expect(await checkInvariants(target.control, { expectSessions: ['lost'] })).toEqual([
      'session "lost" answered SUCCESS but is not stored',
    ]);
    await target.close();
  });
});
