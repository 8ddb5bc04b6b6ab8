import { fileURLToPath } from 'node:url';
import { createRecordingTarget } from '@mcc/testkit';
import { expect, test } from 'vitest';

// What our TVox answered during a trial, recorded with `--record` in front of it (see
// docs/gateway.md); in CI no TVox is reachable, the recording answers instead.
const RECORDING = fileURLToPath(new URL('./recording/', import.meta.url));

test('the chat widget follows a chat through the states our TVox really gave', async () => {
  const tvox = await createRecordingTarget(RECORDING);
  // Our own session id: the recording's is followed through the whole chat.
  const start = await tvox.service.startSession({
    channelId: 1003,
    serviceid: 'SUPPORT',
    sessionId: 'widget-1',
  });
  expect(start).toEqual({ result: 'SUCCESS', sessionId: 'widget-1' });
  await tvox.service.sessionAccept({ sessionId: 'widget-1' });
  const seen = [];
  for (let i = 0; i < 3; i++) {
    const check = await tvox.service.checkSession({ sessionId: 'widget-1' });
    if (check.result === 'SUCCESS') seen.push([check.status, check.username ?? check.customMessage]);
  }
  expect(seen).toEqual([
    ['QUEUED', 'You are number 1 in the SUPPORT queue'],
    ['BOOKED', 'bob'],
    ['ASSIGNED', 'bob'],
  ]);
  expect(await tvox.service.closeSession({ sessionId: 'widget-1' })).toMatchObject({ result: 'SUCCESS' });
  expect(await tvox.service.checkSession({ sessionId: 'widget-1' })).toMatchObject({ status: 'CLOSED' });
  expect(tvox.misses).toEqual([]);
});
