import type { MccService } from '@mcc/core';
import { createEngineTarget, demoContactCenter } from '@mcc/testkit';
import { expect, test } from 'vitest';

// The code under test: whether the sales team can take a chat right now.
async function salesOpen(mcc: MccService): Promise<boolean> {
  const answer = await mcc.getServiceState({ channelId: 1003, serviceCodes: ['SALES'] });
  return answer.result === 'SUCCESS' && answer.state.SALES === 'ACTIVE';
}

test('sales (Mon–Fri 9–18, Europe/Rome) is closed on Sunday and open on Monday morning', async () => {
  const mcc = await createEngineTarget({ start: Date.UTC(2026, 0, 4, 12) }); // Sunday, 13:00 in Rome
  expect(await salesOpen(mcc.service)).toBe(false);
  await mcc.clock.setTime(Date.UTC(2026, 0, 5, 8, 30)); // Monday, 09:30 in Rome
  expect(await salesOpen(mcc.service)).toBe(true);
  await mcc.close();
});

test('a chat nobody accepts closes by itself when its time is up, not a millisecond before', async () => {
  const mcc = await createEngineTarget({
    config: demoContactCenter((cc) => {
      cc.timers.newSessionTtlMs = 60_000;
    }),
  });
  const started = await mcc.service.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
  if (started.result === 'FAILED') throw new Error(started.failReason);
  const { sessionId } = started;

  await mcc.clock.advance(59_999); // virtual time: the test takes no time at all
  expect(await mcc.service.checkSession({ sessionId })).toMatchObject({ status: 'NEW' });
  await mcc.clock.advance(1);
  expect(await mcc.service.checkSession({ sessionId })).toMatchObject({ status: 'CLOSED' });
  await mcc.close();
});
