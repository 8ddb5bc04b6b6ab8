import { demoContactCenter } from '../fixtures.js';
import type { ConformanceCase } from '../suite.js';
import {
  assert,
  clock,
  control,
  expectFail,
  expectSuccess,
  faults,
  nextSundayNoon,
  raw,
  start,
  statusOf,
  subjectOf,
} from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** startSession: success shapes, every reachable fail reason, and their precedence. */
export const startSessionCases: ConformanceCase[] = [
  {
    name: 'starts a NEW session with a generated UUID',
    live: 'write',
    async run(target) {
      const { service } = target;
      const result = expectSuccess(await service.startSession(subjectOf(target)));
      assert.match(result.sessionId, UUID);
      assert.equal(result.contactId, undefined);
      assert.equal(result.contactValue, undefined);
      assert.equal(await statusOf(service, result.sessionId), 'NEW');
    },
  },
  {
    name: 'keeps a given sessionId and echoes contactId and contactValue',
    async run({ service }) {
      const result = expectSuccess(
        await service.startSession({
          channelId: 1003,
          serviceid: 'SUPPORT',
          sessionId: 'web-42',
          contactId: '3f1c2a9e-0000-4000-8000-000000000001',
          contactValue: '+39 02 1234567',
          description: 'Chat from the web site',
          data: '{"page":"/pricing"}',
        }),
      );
      assert.deepEqual(result, {
        result: 'SUCCESS',
        sessionId: 'web-42',
        contactId: '3f1c2a9e-0000-4000-8000-000000000001',
        contactValue: '+39 02 1234567',
      });
      const check = expectSuccess(await service.checkSessionWithData({ sessionId: 'web-42' }));
      assert.equal(check.data, '{"page":"/pricing"}');
    },
  },
  {
    name: 'keeps unicode and markup in values intact',
    async run({ service }) {
      const data = '<b>Ciao</b> & "benvenuto" — 日本語 🎧';
      const sessionId = await start(service, { sessionId: 'ünï-cødé ✓', data });
      assert.equal(sessionId, 'ünï-cødé ✓');
      assert.equal(expectSuccess(await service.checkSessionWithData({ sessionId })).data, data);
    },
  },
  {
    name: 'REQUIRED_PARAMETERS when channelId is missing',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.startSession(raw({ serviceid: 'SUPPORT' })), 'REQUIRED_PARAMETERS');
    },
  },
  {
    name: 'REQUIRED_PARAMETERS when serviceid is missing or blank',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.startSession(raw({ channelId: 1003 })), 'REQUIRED_PARAMETERS');
      expectFail(await service.startSession({ channelId: 1003, serviceid: '  ' }), 'REQUIRED_PARAMETERS');
    },
  },
  {
    name: 'INVALID_CHANNEL_ID for a non-numeric, fractional or unmanaged channel',
    live: 'read-only',
    async run({ service }) {
      for (const channelId of ['abc', '1.5', 7, 1004, -1]) {
        expectFail(
          await service.startSession({ channelId: raw(channelId), serviceid: 'SUPPORT' }),
          'INVALID_CHANNEL_ID',
        );
      }
    },
  },
  {
    name: 'UNKNOWN_CHANNEL_ID for a manageable channel this instance has not configured',
    config: demoContactCenter((cc) => {
      cc.channels = cc.channels.filter((c) => c.id !== 2);
      cc.agents = cc.agents.map((a) => ({ ...a, profiles: (a.profiles ?? []).filter((p) => p !== 2) }));
    }),
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 2, serviceid: 'SUPPORT' }), 'UNKNOWN_CHANNEL_ID');
    },
  },
  {
    name: 'CHANNEL_NOT_ENABLED for a configured but disabled channel',
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 3, serviceid: 'SUPPORT' }), 'CHANNEL_NOT_ENABLED');
    },
  },
  {
    name: 'UNKNOWN_SERVICE for a service that is not configured',
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 1003, serviceid: 'NOPE' }), 'UNKNOWN_SERVICE');
    },
  },
  {
    name: 'SERVICE_NOT_ENABLED for a service not enabled on the channel',
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 1, serviceid: 'SALES' }), 'SERVICE_NOT_ENABLED');
      expectFail(
        await service.startSession({ channelId: 1003, serviceid: 'ARCHIVE' }),
        'SERVICE_NOT_ENABLED',
      );
    },
  },
  {
    name: 'DUPLICATED_SESSION_ID for an id that exists, open or closed',
    async run({ service }) {
      await start(service, { sessionId: 'dup-1' });
      expectFail(
        await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'dup-1' }),
        'DUPLICATED_SESSION_ID',
      );
      expectSuccess(await service.closeSession({ sessionId: 'dup-1' }));
      expectFail(
        await service.startSession({ channelId: 1, serviceid: 'SUPPORT', sessionId: 'dup-1' }),
        'DUPLICATED_SESSION_ID',
      );
    },
  },
  {
    name: 'NO_LICENSE when the channel has as many open sessions as licences, until one closes',
    async run({ service }) {
      const first = await start(service, { channelId: 2 });
      await start(service, { channelId: 2 });
      expectFail(await service.startSession({ channelId: 2, serviceid: 'SUPPORT' }), 'NO_LICENSE');
      expectSuccess(await service.closeSession({ sessionId: first }));
      await start(service, { channelId: 2 });
    },
  },
  {
    name: 'NO_LICENSE on a configured channel with zero licences',
    config: demoContactCenter((cc) => {
      const channel = cc.channels.find((c) => c.id === 1);
      if (channel) channel.licences = 0;
    }),
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 1, serviceid: 'SUPPORT' }), 'NO_LICENSE');
    },
  },
  {
    name: 'GENERIC for values over the field limits or with control characters',
    async run({ service }) {
      expectFail(
        await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'x'.repeat(256) }),
        'GENERIC',
      );
      expectFail(
        await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'a\u0001b' }),
        'GENERIC',
      );
      expectFail(
        await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', description: 'd'.repeat(1025) }),
        'GENERIC',
      );
      await start(service, { sessionId: 'x'.repeat(255), description: 'd'.repeat(1024) });
    },
  },
  {
    name: 'precedence: REQUIRED_PARAMETERS before INVALID_CHANNEL_ID',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.startSession(raw({ channelId: 'abc' })), 'REQUIRED_PARAMETERS');
    },
  },
  {
    name: 'precedence: CHANNEL_NOT_ENABLED before UNKNOWN_SERVICE, UNKNOWN_SERVICE before SERVICE_NOT_ENABLED',
    async run({ service }) {
      expectFail(await service.startSession({ channelId: 3, serviceid: 'NOPE' }), 'CHANNEL_NOT_ENABLED');
      expectFail(await service.startSession({ channelId: 1, serviceid: 'NOPE' }), 'UNKNOWN_SERVICE');
    },
  },
  {
    name: 'precedence: DUPLICATED_SESSION_ID before NO_LICENSE',
    async run({ service }) {
      await start(service, { channelId: 2, sessionId: 'full-1' });
      await start(service, { channelId: 2 });
      expectFail(
        await service.startSession({ channelId: 2, serviceid: 'SUPPORT', sessionId: 'full-1' }),
        'DUPLICATED_SESSION_ID',
      );
    },
  },
  {
    name: 'does not check opening hours (that is sessionAccept’s job)',
    needs: ['virtualClock'],
    async run(target) {
      await clock(target).setTime(nextSundayNoon(clock(target).now()));
      await start(target.service, { serviceid: 'SALES' });
    },
  },
  {
    name: 'DATABASE_ERROR when the store fails, TIMEOUT_EXCEEDED when it times out; nothing is written',
    needs: ['storeFaults', 'control'],
    async run(target) {
      faults(target).failNext(1);
      expectFail(
        await target.service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'db-1' }),
        'DATABASE_ERROR',
      );
      faults(target).failNext(1, 'timeout');
      expectFail(
        await target.service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'db-1' }),
        'TIMEOUT_EXCEEDED',
      );
      assert.equal(await control(target).getSession('db-1'), undefined);
      await start(target.service, { sessionId: 'db-1' });
    },
  },
];
