import { demoContactCenter } from '../fixtures.js';
import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectFail,
  expectSuccess,
  faults,
  onlyAgentOn1003,
  raw,
  start,
  startAndAccept,
  statusOf,
} from './helpers.js';

/** closeSession. */
export const closeSessionCases: ConformanceCase[] = [
  {
    name: 'closes a session (CLOSED) and answers with its id',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      assert.deepEqual(await service.closeSession({ sessionId }), { result: 'SUCCESS', sessionId });
      assert.equal(await statusOf(service, sessionId), 'CLOSED');
    },
  },
  {
    name: 'the reason defaults to REQUEST_FROM_CALLER; REQUEST_FROM_CALLEE is accepted',
    needs: ['control'],
    async run(target) {
      const a = await start(target.service);
      const b = await start(target.service);
      expectSuccess(await target.service.closeSession({ sessionId: a }));
      expectSuccess(await target.service.closeSession({ sessionId: b, reason: 'REQUEST_FROM_CALLEE' }));
      assert.equal((await control(target).getSession(a))?.closeCause, 'REQUEST_FROM_CALLER');
      assert.equal((await control(target).getSession(b))?.closeCause, 'REQUEST_FROM_CALLEE');
    },
  },
  {
    name: 'closing a CLOSED session succeeds and changes nothing',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service);
      expectSuccess(await target.service.closeSession({ sessionId }));
      const closed = await control(target).getSession(sessionId);
      expectSuccess(await target.service.closeSession({ sessionId, reason: 'REQUEST_FROM_CALLEE' }));
      assert.deepEqual(await control(target).getSession(sessionId), closed);
    },
  },
  {
    name: 'closing frees the licence at once',
    async run({ service }) {
      const first = await start(service, { channelId: 2 });
      await start(service, { channelId: 2 });
      expectSuccess(await service.closeSession({ sessionId: first }));
      await start(service, { channelId: 2 });
    },
  },
  {
    name: 'closing frees the agent’s capacity at once: the next queued session is routed',
    needs: ['control'],
    async run(target) {
      await onlyAgentOn1003(target, 'alice');
      const one = await startAndAccept(target.service);
      await startAndAccept(target.service);
      const third = await startAndAccept(target.service);
      assert.equal(third.status, 'QUEUED');
      expectSuccess(await target.service.closeSession({ sessionId: one.sessionId }));
      assert.equal(await statusOf(target.service, third.sessionId), 'ASSIGNED');
    },
  },
  {
    name: 'a service disabled or switched off is no reason to refuse a close',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service, { channelId: 1 });
      await control(target).setServiceChannel('SUPPORT', 1, false);
      await control(target).setServiceOutOfService('SUPPORT', true);
      expectSuccess(await target.service.closeSession({ sessionId }));
    },
  },
  {
    name: 'INVALID_SESSION_ID when sessionId is missing or blank',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.closeSession(raw({})), 'INVALID_SESSION_ID');
      expectFail(await service.closeSession({ sessionId: '  ' }), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'NOT_FOUND for an unknown session',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.closeSession({ sessionId: 'no-such-session' }), 'NOT_FOUND');
    },
  },
  {
    name: 'NOT_FOUND once a closed session is past retention; its id can then be used again',
    needs: ['virtualClock'],
    async run(target) {
      const sessionId = await start(target.service, { sessionId: 'reuse-me' });
      expectSuccess(await target.service.closeSession({ sessionId }));
      await clock(target).advance(60 * 60_000);
      expectFail(await target.service.closeSession({ sessionId }), 'NOT_FOUND');
      await start(target.service, { sessionId: 'reuse-me' });
    },
  },
  {
    name: 'GENERIC for an unknown reason; the session stays open',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      expectFail(await service.closeSession({ sessionId, reason: raw('BECAUSE') }), 'GENERIC');
      assert.equal(await statusOf(service, sessionId), 'NEW');
    },
  },
  {
    name: 'precedence: INVALID_SESSION_ID before GENERIC',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.closeSession(raw({ reason: 'BECAUSE' })), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'IS_PENDING while a close waits out its grace period; then CLOSED',
    needs: ['virtualClock'],
    config: demoContactCenter((cc) => {
      cc.timers.closeGracePeriodMs = 5000;
    }),
    async run(target) {
      const sessionId = await start(target.service);
      expectSuccess(await target.service.closeSession({ sessionId }));
      expectFail(await target.service.closeSession({ sessionId }), 'IS_PENDING');
      expectFail(await target.service.sessionAccept({ sessionId }), 'SESSION_CLOSED');
      await clock(target).advance(5000);
      assert.equal(await statusOf(target.service, sessionId), 'CLOSED');
      expectSuccess(await target.service.closeSession({ sessionId }));
    },
  },
  {
    name: 'DATABASE_ERROR when the store fails, TIMEOUT_EXCEEDED when it times out; the session stays open',
    needs: ['storeFaults'],
    async run(target) {
      const sessionId = await start(target.service);
      faults(target).failNext(1);
      expectFail(await target.service.closeSession({ sessionId }), 'DATABASE_ERROR');
      faults(target).failNext(1, 'timeout');
      expectFail(await target.service.closeSession({ sessionId }), 'TIMEOUT_EXCEEDED');
      assert.equal(await statusOf(target.service, sessionId), 'NEW');
    },
  },
];
