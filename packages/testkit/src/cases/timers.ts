import { demoContactCenter } from '../fixtures.js';
import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectFail,
  onlyAgentOn1003,
  start,
  startAndAccept,
  statusOf,
  transitions,
} from './helpers.js';

/** Timers on virtual time: auto-answer, booking timeout, NEW expiry, retention. */
export const timerCases: ConformanceCase[] = [
  {
    name: 'an agent with an auto-answer delay answers by itself after it (BOOKED → ASSIGNED)',
    needs: ['control', 'virtualClock'],
    async run(target) {
      await control(target).loginAgent('carol', 2);
      const { sessionId, status } = await startAndAccept(target.service, { channelId: 2 });
      assert.equal(status, 'BOOKED');
      await clock(target).advance(1999);
      assert.equal(await statusOf(target.service, sessionId), 'BOOKED');
      await clock(target).advance(1);
      assert.equal(await statusOf(target.service, sessionId), 'ASSIGNED');
    },
  },
  {
    name: 'a booking not answered in time goes back to the head of the queue',
    needs: ['control', 'virtualClock'],
    config: demoContactCenter((cc) => {
      cc.timers.bookingTimeoutMs = 10_000;
    }),
    async run(target) {
      await onlyAgentOn1003(target, 'bob');
      const { sessionId } = await startAndAccept(target.service);
      assert.equal(await statusOf(target.service, sessionId), 'BOOKED');
      await clock(target).advance(9_999);
      assert.equal(await statusOf(target.service, sessionId), 'BOOKED');
      await clock(target).advance(1);
      assert.equal(await statusOf(target.service, sessionId), 'QUEUED');
      assert.deepEqual((await transitions(target, sessionId)).slice(-2), ['QUEUED>BOOKED', 'BOOKED>QUEUED']);
      // bob did not answer: he is made not ready, so the session waits for someone else.
      await control(target).loginAgent('alice', 1003);
      assert.equal(await statusOf(target.service, sessionId), 'ASSIGNED');
    },
  },
  {
    name: 'a NEW session not accepted in time closes by itself',
    needs: ['virtualClock'],
    config: demoContactCenter((cc) => {
      cc.timers.newSessionTtlMs = 60_000;
    }),
    async run(target) {
      const sessionId = await start(target.service);
      await clock(target).advance(59_999);
      assert.equal(await statusOf(target.service, sessionId), 'NEW');
      await clock(target).advance(1);
      assert.equal(await statusOf(target.service, sessionId), 'CLOSED');
      expectFail(await target.service.sessionAccept({ sessionId }), 'SESSION_CLOSED');
    },
  },
  {
    name: 'an accepted session does not expire',
    needs: ['virtualClock'],
    async run(target) {
      const { sessionId } = await startAndAccept(target.service, { channelId: 1 });
      await clock(target).advance(11 * 60_000);
      assert.equal(await statusOf(target.service, sessionId), 'QUEUED');
    },
  },
  {
    name: 'an expired session frees its licence',
    needs: ['virtualClock'],
    async run(target) {
      await start(target.service, { channelId: 2 });
      await start(target.service, { channelId: 2 });
      expectFail(await target.service.startSession({ channelId: 2, serviceid: 'SUPPORT' }), 'NO_LICENSE');
      await clock(target).advance(10 * 60_000);
      await start(target.service, { channelId: 2 });
    },
  },
];
