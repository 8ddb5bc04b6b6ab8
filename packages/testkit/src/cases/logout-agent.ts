import type { ConformanceCase } from '../suite.js';
import {
  assert,
  control,
  expectFail,
  expectSuccess,
  faults,
  onlyAgentOn1003,
  raw,
  startAndAccept,
  statusOf,
} from './helpers.js';

/** logoutAgentFromChannel. */
export const logoutAgentCases: ConformanceCase[] = [
  {
    name: 'logs the agent out and echoes channel and username',
    needs: ['control'],
    async run(target) {
      assert.deepEqual(
        await target.service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'bob' }),
        {
          result: 'SUCCESS',
          channelId: 1003,
          agentUsername: 'bob',
        },
      );
      const bob = (await control(target).snapshot()).agents.find((a) => a.username === 'bob');
      assert.equal(bob?.channels.find((c) => c.channelId === 1003)?.loggedIn, false);
    },
  },
  {
    name: 'BOOKED sessions go back to the head of their queue; ASSIGNED ones stay with the agent',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      await onlyAgentOn1003(target, 'bob');
      const assigned = await startAndAccept(service, {}, 'bob');
      await control(target).acceptSession(assigned.sessionId);
      const booked = await startAndAccept(service, {}, 'bob');
      await control(target).setAgentReady('bob', 1003, false);
      const waiting = await startAndAccept(service);
      assert.equal(waiting.status, 'QUEUED');
      expectSuccess(await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'bob' }));
      const queue = await control(target).listSessions({
        status: ['QUEUED'],
        serviceCode: 'SUPPORT',
        channelId: 1003,
      });
      assert.deepEqual(
        queue.map((s) => s.id),
        [booked.sessionId, waiting.sessionId],
      );
      assert.equal(await statusOf(service, assigned.sessionId), 'ASSIGNED');
      assert.equal(
        expectSuccess(await service.checkSession({ sessionId: assigned.sessionId })).username,
        'bob',
      );
    },
  },
  {
    name: 'INVALID_CHANNEL_ID when channelId is missing or invalid',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.logoutAgentFromChannel(raw({ agentUsername: 'bob' })), 'INVALID_CHANNEL_ID');
      expectFail(
        await service.logoutAgentFromChannel({ channelId: raw('LiveHelp'), agentUsername: 'bob' }),
        'INVALID_CHANNEL_ID',
      );
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 9, agentUsername: 'bob' }),
        'INVALID_CHANNEL_ID',
      );
    },
  },
  {
    name: 'INVALID_USERNAME when agentUsername is missing, blank or unknown',
    async run({ service }) {
      expectFail(await service.logoutAgentFromChannel(raw({ channelId: 1003 })), 'INVALID_USERNAME');
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: ' ' }),
        'INVALID_USERNAME',
      );
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'mallory' }),
        'INVALID_USERNAME',
      );
    },
  },
  {
    name: 'INVALID_USER_PROFILES when the agent has no profile for the channel',
    async run({ service }) {
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'dave' }),
        'INVALID_USER_PROFILES',
      );
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 1, agentUsername: 'bob' }),
        'INVALID_USER_PROFILES',
      );
    },
  },
  {
    name: 'USER_NOT_LOGGED when the agent is not logged in there (also after a logout)',
    async run({ service }) {
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 2, agentUsername: 'carol' }),
        'USER_NOT_LOGGED',
      );
      expectSuccess(await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'alice' }));
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'alice' }),
        'USER_NOT_LOGGED',
      );
    },
  },
  {
    name: 'precedence: INVALID_CHANNEL_ID before INVALID_USERNAME before INVALID_USER_PROFILES',
    async run({ service }) {
      expectFail(await service.logoutAgentFromChannel(raw({ channelId: 'x' })), 'INVALID_CHANNEL_ID');
      expectFail(
        await service.logoutAgentFromChannel({ channelId: 3, agentUsername: 'mallory' }),
        'INVALID_USERNAME',
      );
    },
  },
  {
    name: 'LOGOUT_DATABASE_ERROR when the store fails; the agent stays logged in',
    needs: ['storeFaults'],
    async run(target) {
      faults(target).failNext(1);
      expectFail(
        await target.service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'bob' }),
        'LOGOUT_DATABASE_ERROR',
      );
      expectSuccess(await target.service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'bob' }));
    },
  },
];
