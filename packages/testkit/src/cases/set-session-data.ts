import type { ConformanceCase } from '../suite.js';
import { assert, expectFail, expectSuccess, faults, raw, start } from './helpers.js';

/** setSessionData. */
export const setSessionDataCases: ConformanceCase[] = [
  {
    name: 'replaces the session data and echoes it',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      assert.deepEqual(await service.setSessionData({ sessionId, sessionData: 'one' }), {
        result: 'SUCCESS',
        sessionId,
        sessionData: 'one',
      });
      expectSuccess(await service.setSessionData({ sessionId, sessionData: '{"step":2}' }));
      assert.equal(
        expectSuccess(await service.checkSessionWithData({ sessionId })).sessionData,
        '{"step":2}',
      );
    },
  },
  {
    name: 'an empty value clears it',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      expectSuccess(await service.setSessionData({ sessionId, sessionData: 'x' }));
      const cleared = expectSuccess(await service.setSessionData({ sessionId, sessionData: '' }));
      assert.equal(cleared.sessionData, undefined);
      assert.equal(expectSuccess(await service.checkSessionWithData({ sessionId })).sessionData, undefined);
    },
  },
  {
    name: 'INVALID_SESSION_ID when sessionId is missing, blank or unknown',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.setSessionData(raw({ sessionData: 'x' })), 'INVALID_SESSION_ID');
      expectFail(await service.setSessionData({ sessionId: ' ', sessionData: 'x' }), 'INVALID_SESSION_ID');
      expectFail(await service.setSessionData({ sessionId: 'nope', sessionData: 'x' }), 'INVALID_SESSION_ID');
    },
  },
  {
    name: 'SESSION_CLOSED for a closed session; its data stays as it was',
    live: 'write',
    async run({ service, subject }) {
      const sessionId = await start(service, subject);
      expectSuccess(await service.setSessionData({ sessionId, sessionData: 'before' }));
      expectSuccess(await service.closeSession({ sessionId }));
      expectFail(await service.setSessionData({ sessionId, sessionData: 'after' }), 'SESSION_CLOSED');
      assert.equal(expectSuccess(await service.checkSessionWithData({ sessionId })).sessionData, 'before');
    },
  },
  {
    name: 'INVALID_RESPONSE when the store fails',
    needs: ['storeFaults'],
    async run(target) {
      const sessionId = await start(target.service);
      faults(target).failNext(1);
      expectFail(await target.service.setSessionData({ sessionId, sessionData: 'x' }), 'INVALID_RESPONSE');
      assert.equal(
        expectSuccess(await target.service.checkSessionWithData({ sessionId })).sessionData,
        undefined,
      );
    },
  },
];
