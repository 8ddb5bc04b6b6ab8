import { expect, test } from 'vitest';
import { createEngine, dispatch, VirtualClock } from '../src/index.js';

test('smoke', async () => {
  const clock = new VirtualClock();
  const engine = await createEngine({ clock });
  const s = await dispatch(engine, 'startSession', { channelId: '1003', serviceid: 'SUPPORT', contactId: 'c1' });
  console.log(s);
  if (s.result !== 'SUCCESS') throw new Error();
  console.log(await dispatch(engine, 'sessionAccept', { sessionId: s.sessionId }));
  console.log(await dispatch(engine, 'checkSessionWithData', { sessionId: s.sessionId }));
  const s2 = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
  if (s2.result !== 'SUCCESS') throw new Error();
  console.log(await engine.sessionAccept({ sessionId: s2.sessionId, user: 'bob' }));
  console.log(await dispatch(engine, 'getServiceState', { channelId: 1003, serviceCodes: ['SUPPORT,SALES', 'BILLING', 'ARCHIVE', 'X'] }));
  console.log(await dispatch(engine, 'startSession', { channelId: 'abc' }));
  console.log(await dispatch(engine, 'startSession', { channelId: 'abc', serviceid: 'x' }));
  console.log(await dispatch(engine, 'closeSession', { sessionId: s2.sessionId, reason: 'BAD' }));
  await clock.advance(30_000);
  console.log(await engine.checkSession({ sessionId: s2.sessionId }));
  console.log(await engine.control.readEvents());
  console.log(JSON.stringify(await engine.control.snapshot()));
  expect(1).toBe(1);
});
