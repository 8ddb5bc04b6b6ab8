import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectFail,
  expectSuccess,
  faults,
  raw,
  start,
  startAndAccept,
} from './helpers.js';

const RETENTION_MS = 60 * 60_000;

/** checkSession and checkSessionWithData. */
export const checkSessionCases: ConformanceCase[] = [
  {
    name: 'checkSession reports status, and no agent before one is booked',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      assert.deepEqual(await service.checkSession({ sessionId }), {
        result: 'SUCCESS',
        sessionId,
        status: 'NEW',
      });
    },
  },
  {
    name: 'checkSessionWithData adds the start data and the latest session data',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, { ...subject, data: 'from-start' });
      expectSuccess(await service.setSessionData({ sessionId, sessionData: 'in-progress' }));
      assert.deepEqual(await service.checkSessionWithData({ sessionId }), {
        result: 'SUCCESS',
        sessionId,
        status: 'NEW',
        data: 'from-start',
        sessionData: 'in-progress',
      });
    },
  },
  {
    name: 'customMessage of a queued session is its service’s queue message with its position',
    async run({ service }) {
      const first = await startAndAccept(service, { channelId: 1 });
      const second = await startAndAccept(service, { channelId: 1 });
      assert.equal(
        expectSuccess(await service.checkSession({ sessionId: first.sessionId })).customMessage,
        'You are number 1 in the SUPPORT queue',
      );
      assert.equal(
        expectSuccess(await service.checkSessionWithData({ sessionId: second.sessionId })).customMessage,
        'You are number 2 in the SUPPORT queue',
      );
    },
  },
  {
    name: 'customMessage set by the contact-center side is reported',
    needs: ['control'],
    async run(target) {
      const { sessionId } = await startAndAccept(target.service);
      await control(target).setCustomMessage(sessionId, 'Alice is typing…');
      assert.equal(
        expectSuccess(await target.service.checkSession({ sessionId })).customMessage,
        'Alice is typing…',
      );
    },
  },
  {
    name: 'the agent’s username is kept after close',
    async run({ service }) {
      const { sessionId } = await startAndAccept(service, {}, 'bob');
      expectSuccess(await service.closeSession({ sessionId }));
      const check = expectSuccess(await service.checkSessionWithData({ sessionId }));
      assert.equal(check.status, 'CLOSED');
      assert.equal(check.username, 'bob');
    },
  },
  {
    name: 'INVALID_SESSION_ID when sessionId is missing, blank or unknown (both forms)',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.checkSession(raw({})), 'INVALID_SESSION_ID');
      expectFail(await service.checkSession({ sessionId: '' }), 'INVALID_SESSION_ID');
      expectFail(await service.checkSession({ sessionId: 'nope' }), 'INVALID_SESSION_ID');
      expectFail(await service.checkSessionWithData(raw({})), 'INVALID_SESSION_ID');
      expectFail(await service.checkSessionWithData({ sessionId: '\t' }), 'INVALID_SESSION_ID');
      expectFail(await service.checkSessionWithData({ sessionId: 'nope' }), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'INVALID_SESSION_ID once a closed session is past retention',
    needs: ['virtualClock'],
    async run(target) {
      const sessionId = await start(target.service);
      expectSuccess(await target.service.closeSession({ sessionId }));
      await clock(target).advance(RETENTION_MS - 1);
      assert.equal(expectSuccess(await target.service.checkSession({ sessionId })).status, 'CLOSED');
      await clock(target).advance(1);
      expectFail(await target.service.checkSession({ sessionId }), 'INVALID_SESSION_ID');
      expectFail(await target.service.checkSessionWithData({ sessionId }), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'a store failure is not answered with a made-up result',
    needs: ['storeFaults'],
    async run(target) {
      const sessionId = await start(target.service);
      // Every attempt fails (a client may retry a read): the answer is an error, never a result.
      faults(target).failNext(1_000);
      await assert.rejects(target.service.checkSession({ sessionId }));
      faults(target).clear();
      assert.equal(expectSuccess(await target.service.checkSession({ sessionId })).status, 'NEW');
    },
  },
];
