import { demoContactCenter, serviceOf } from '../fixtures.js';
import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectFail,
  expectSuccess,
  faults,
  nextSundayNoon,
  onlyAgentOn1003,
  raw,
  start,
  startAndAccept,
  statusOf,
  transitions,
} from './helpers.js';

/** sessionAccept: queueing, direct booking, idempotency, and every reachable fail reason. */
export const sessionAcceptCases: ConformanceCase[] = [
  {
    name: 'without user: QUEUED when no agent can take it',
    async run({ service }) {
      // Nobody is logged in on channel 1 in the demo contact center.
      const { sessionId, status } = await startAndAccept(service, { channelId: 1 });
      assert.equal(status, 'QUEUED');
      assert.equal(await statusOf(service, sessionId), 'QUEUED');
    },
  },
  {
    name: 'without user: routed at once to a free agent that answers at once (ASSIGNED)',
    async run({ service }) {
      const { sessionId, status } = await startAndAccept(service);
      assert.equal(status, 'ASSIGNED');
      const check = expectSuccess(await service.checkSession({ sessionId }));
      assert.equal(check.username, 'alice');
    },
  },
  {
    name: 'with user: BOOKED straight to that agent',
    async run({ service }) {
      const { sessionId, status } = await startAndAccept(service, {}, 'bob');
      assert.equal(status, 'BOOKED');
      assert.equal(expectSuccess(await service.checkSession({ sessionId })).username, 'bob');
    },
  },
  {
    name: 're-accepting a QUEUED, BOOKED or ASSIGNED session succeeds and changes nothing',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      const queued = await startAndAccept(service, { channelId: 1 });
      const booked = await startAndAccept(service, {}, 'bob');
      const assigned = await startAndAccept(service);
      for (const [s, status] of [
        [queued.sessionId, 'QUEUED'],
        [booked.sessionId, 'BOOKED'],
        [assigned.sessionId, 'ASSIGNED'],
      ] as const) {
        const before = await transitions(target, s);
        assert.equal(expectSuccess(await service.sessionAccept({ sessionId: s })).status, status);
        assert.equal(
          expectSuccess(await service.sessionAccept({ sessionId: s, user: 'bob' })).status,
          status,
        );
        assert.deepEqual(await transitions(target, s), before);
      }
    },
  },
  {
    name: 'INVALID_SESSION_ID when sessionId is missing, blank or unknown',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.sessionAccept(raw({})), 'INVALID_SESSION_ID');
      expectFail(await service.sessionAccept({ sessionId: ' ' }), 'INVALID_SESSION_ID');
      expectFail(await service.sessionAccept({ sessionId: 'no-such-session' }), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'SESSION_CLOSED for a closed session',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      expectSuccess(await service.closeSession({ sessionId }));
      expectFail(await service.sessionAccept({ sessionId }), 'SESSION_CLOSED');
    },
  },
  {
    name: 'SERVICE_NOT_ENABLED when the service was disabled on the channel after the start',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service, { channelId: 1 });
      await control(target).setServiceChannel('SUPPORT', 1, false);
      expectFail(await target.service.sessionAccept({ sessionId }), 'SERVICE_NOT_ENABLED');
    },
  },
  {
    name: 'REQUEST_REJECTED_BY_SERVICE when the service is out of service',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service);
      await control(target).setServiceOutOfService('SUPPORT', true);
      expectFail(await target.service.sessionAccept({ sessionId }), 'REQUEST_REJECTED_BY_SERVICE');
      await control(target).setServiceOutOfService('SUPPORT', false);
      expectSuccess(await target.service.sessionAccept({ sessionId }));
    },
  },
  {
    name: 'REQUEST_REJECTED_BY_SERVICE outside opening hours (OVERTIME)',
    needs: ['virtualClock'],
    async run(target) {
      await clock(target).setTime(nextSundayNoon(clock(target).now()));
      const sessionId = await start(target.service, { serviceid: 'SALES' });
      expectFail(await target.service.sessionAccept({ sessionId }), 'REQUEST_REJECTED_BY_SERVICE');
    },
  },
  {
    name: 'REQUEST_REJECTED_BY_SERVICE when the queue is full',
    config: demoContactCenter((cc) => {
      serviceOf(cc, 'SUPPORT').queueCapacity = 1;
    }),
    async run({ service }) {
      await startAndAccept(service, { channelId: 1 });
      const second = await start(service, { channelId: 1 });
      expectFail(await service.sessionAccept({ sessionId: second }), 'REQUEST_REJECTED_BY_SERVICE');
      assert.equal(await statusOf(service, second), 'NEW');
    },
  },
  {
    name: 'REQUEST_REJECTED_BY_SERVICE when user is unknown, not logged in on the channel, or lacks the skill',
    async run({ service }) {
      const sessionId = await start(service);
      expectFail(await service.sessionAccept({ sessionId, user: 'nobody' }), 'REQUEST_REJECTED_BY_SERVICE');
      expectFail(await service.sessionAccept({ sessionId, user: 'carol' }), 'REQUEST_REJECTED_BY_SERVICE');
      const sales = await start(service, { serviceid: 'SALES' });
      expectFail(
        await service.sessionAccept({ sessionId: sales, user: 'bob' }),
        'REQUEST_REJECTED_BY_SERVICE',
      );
      assert.equal(await statusOf(service, sessionId), 'NEW');
    },
  },
  {
    name: 'REQUEST_REJECTED_BY_SERVICE when user has no free capacity',
    needs: ['control'],
    async run(target) {
      await onlyAgentOn1003(target, 'alice');
      await startAndAccept(target.service, {}, 'alice');
      await startAndAccept(target.service, {}, 'alice');
      const third = await start(target.service);
      expectFail(
        await target.service.sessionAccept({ sessionId: third, user: 'alice' }),
        'REQUEST_REJECTED_BY_SERVICE',
      );
    },
  },
  {
    name: 'precedence: SESSION_CLOSED before REQUEST_REJECTED_BY_SERVICE',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service);
      expectSuccess(await target.service.closeSession({ sessionId }));
      await control(target).setServiceOutOfService('SUPPORT', true);
      expectFail(await target.service.sessionAccept({ sessionId }), 'SESSION_CLOSED');
    },
  },
  {
    name: 'GENERIC when the store fails, TIMEOUT_EXCEEDED when it times out; the session stays NEW',
    needs: ['storeFaults'],
    async run(target) {
      const sessionId = await start(target.service);
      faults(target).failNext(1);
      expectFail(await target.service.sessionAccept({ sessionId }), 'GENERIC');
      faults(target).failNext(1, 'timeout');
      expectFail(await target.service.sessionAccept({ sessionId }), 'TIMEOUT_EXCEEDED');
      assert.equal(await statusOf(target.service, sessionId), 'NEW');
    },
  },
];
