import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectSuccess,
  onlyAgentOn1003,
  startAndAccept,
  statusOf,
} from './helpers.js';

/** The router: FIFO per service, longest-idle agent, skills, readiness, capacity. */
export const routingCases: ConformanceCase[] = [
  {
    name: 'queued sessions are booked first in, first out',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      await onlyAgentOn1003(target, 'bob');
      await control(target).setAgentReady('bob', 1003, false);
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push((await startAndAccept(service)).sessionId);
      await control(target).setAgentReady('bob', 1003, true);
      // bob takes three (his capacity); the fourth waits.
      assert.deepEqual(await Promise.all(ids.map((id) => statusOf(service, id))), [
        'BOOKED',
        'BOOKED',
        'BOOKED',
        'QUEUED',
      ]);
    },
  },
  {
    name: 'the longest-idle eligible agent gets the next session',
    needs: ['control', 'virtualClock'],
    async run(target) {
      const { service } = target;
      await control(target).logoutAgent('alice', 1003);
      await control(target).logoutAgent('bob', 1003);
      await control(target).loginAgent('bob', 1003);
      await clock(target).advance(1000);
      await control(target).loginAgent('alice', 1003);
      const first = await startAndAccept(service);
      assert.equal(expectSuccess(await service.checkSession({ sessionId: first.sessionId })).username, 'bob');
      const second = await startAndAccept(service);
      assert.equal(
        expectSuccess(await service.checkSession({ sessionId: second.sessionId })).username,
        'alice',
      );
    },
  },
  {
    name: 'only agents with the service among their skills are booked',
    needs: ['control'],
    async run(target) {
      await onlyAgentOn1003(target, 'bob');
      const sales = await startAndAccept(target.service, { serviceid: 'SALES' });
      assert.equal(sales.status, 'QUEUED');
      await control(target).loginAgent('alice', 1003);
      assert.equal(await statusOf(target.service, sales.sessionId), 'ASSIGNED');
    },
  },
  {
    name: 'agents that are not ready or not logged in on the session’s channel are not booked',
    needs: ['control'],
    async run(target) {
      const onChannel2 = await startAndAccept(target.service, { channelId: 2 });
      assert.equal(onChannel2.status, 'QUEUED');
      await control(target).loginAgent('carol', 2, { ready: false });
      assert.equal(await statusOf(target.service, onChannel2.sessionId), 'QUEUED');
      await control(target).setAgentReady('carol', 2, true);
      assert.equal(await statusOf(target.service, onChannel2.sessionId), 'BOOKED');
    },
  },
  {
    name: 'an agent never holds more sessions than its capacity on a channel',
    needs: ['control'],
    async run(target) {
      await onlyAgentOn1003(target, 'alice');
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await startAndAccept(target.service)).status);
      assert.deepEqual(results, ['ASSIGNED', 'ASSIGNED', 'QUEUED', 'QUEUED']);
      const alice = (await control(target).snapshot()).agents.find((a) => a.username === 'alice');
      assert.equal(alice?.channels.find((c) => c.channelId === 1003)?.load, 2);
    },
  },
];
