import { demoContactCenter, serviceOf } from '../fixtures.js';
import type { ConformanceCase } from '../suite.js';
import { assert, clock, control, expectFail, expectSuccess, faults, nextSundayNoon, raw } from './helpers.js';

const ALL = ['SUPPORT', 'SALES', 'BILLING', 'ARCHIVE', 'NOPE'];

/** getServiceState. */
export const getServiceStateCases: ConformanceCase[] = [
  {
    name: 'maps each code to its state: ACTIVE, OUT_OF_SERVICE, SERVICE_NOT_ENABLED, UNKNOWN_SERVICE',
    needs: ['virtualClock'],
    async run({ service }) {
      assert.deepEqual(await service.getServiceState({ channelId: 1003, serviceCodes: ALL }), {
        result: 'SUCCESS',
        channelId: 1003,
        state: {
          SUPPORT: 'ACTIVE',
          SALES: 'ACTIVE',
          BILLING: 'OUT_OF_SERVICE',
          ARCHIVE: 'SERVICE_NOT_ENABLED',
          NOPE: 'UNKNOWN_SERVICE',
        },
      });
    },
  },
  {
    name: 'OVERTIME outside weekly opening hours, in the service’s time zone',
    needs: ['virtualClock'],
    async run(target) {
      const sunday = nextSundayNoon(clock(target).now());
      await clock(target).setTime(sunday);
      const weekend = expectSuccess(
        await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SALES', 'SUPPORT'] }),
      );
      assert.deepEqual(weekend.state, { SALES: 'OVERTIME', SUPPORT: 'ACTIVE' });
      // Monday 08:30 UTC is 09:30 in Rome in winter: open. Monday 17:30 UTC is 18:30 in Rome: closed.
      await clock(target).setTime(sunday + 20.5 * 3600_000);
      assert.equal(
        expectSuccess(await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SALES'] }))
          .state.SALES,
        'ACTIVE',
      );
      await clock(target).setTime(sunday + 29.5 * 3600_000);
      assert.equal(
        expectSuccess(await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SALES'] }))
          .state.SALES,
        'OVERTIME',
      );
    },
  },
  {
    name: 'OVERTIME on a listed holiday',
    needs: ['virtualClock'],
    config: demoContactCenter((cc) => {
      serviceOf(cc, 'SUPPORT').holidays = ['2026-01-06'];
    }),
    async run(target) {
      await clock(target).setTime(Date.UTC(2026, 0, 6, 12));
      const result = expectSuccess(
        await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }),
      );
      assert.equal(result.state.SUPPORT, 'OVERTIME');
    },
  },
  {
    name: 'CHANNEL_NOT_ENABLED on a disabled channel',
    async run({ service }) {
      const result = expectSuccess(
        await service.getServiceState({ channelId: 3, serviceCodes: ['SUPPORT'] }),
      );
      assert.deepEqual(result.state, { SUPPORT: 'CHANNEL_NOT_ENABLED' });
    },
  },
  {
    name: 'NO_LICENSE on a channel not configured or without licences',
    config: demoContactCenter((cc) => {
      cc.channels = cc.channels
        .filter((c) => c.id !== 2)
        .map((c) => (c.id === 1 ? { ...c, licences: 0 } : c));
      cc.agents = cc.agents.map((a) => ({ ...a, profiles: (a.profiles ?? []).filter((p) => p !== 2) }));
    }),
    async run({ service }) {
      assert.deepEqual(
        expectSuccess(await service.getServiceState({ channelId: 2, serviceCodes: ['SUPPORT'] })).state,
        {
          SUPPORT: 'NO_LICENSE',
        },
      );
      assert.deepEqual(
        expectSuccess(await service.getServiceState({ channelId: 1, serviceCodes: ['SUPPORT'] })).state,
        {
          SUPPORT: 'NO_LICENSE',
        },
      );
    },
  },
  {
    name: 'reflects switches made at run time',
    needs: ['control'],
    async run(target) {
      await control(target).setServiceOutOfService('SUPPORT', true);
      await control(target).setServiceOutOfService('BILLING', false);
      const result = expectSuccess(
        await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT', 'BILLING'] }),
      );
      assert.deepEqual(result.state, { SUPPORT: 'OUT_OF_SERVICE', BILLING: 'ACTIVE' });
    },
  },
  {
    name: 'codes may come comma-separated and repeated; duplicates collapse',
    async run({ service }) {
      const result = expectSuccess(
        await service.getServiceState({
          channelId: 1003,
          serviceCodes: ['SUPPORT,BILLING', 'SUPPORT', ' ARCHIVE '],
        }),
      );
      assert.deepEqual(Object.keys(result.state).sort(), ['ARCHIVE', 'BILLING', 'SUPPORT']);
    },
  },
  {
    name: 'INVALID_CHANNEL_ID when channelId is missing, non-numeric or unmanaged',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.getServiceState(raw({ serviceCodes: ['SUPPORT'] })), 'INVALID_CHANNEL_ID');
      expectFail(
        await service.getServiceState({ channelId: raw('x1'), serviceCodes: ['SUPPORT'] }),
        'INVALID_CHANNEL_ID',
      );
      expectFail(
        await service.getServiceState({ channelId: 4, serviceCodes: ['SUPPORT'] }),
        'INVALID_CHANNEL_ID',
      );
    },
  },
  {
    name: 'INVALID_SERVICE_CODES for no codes, a blank code, or more than 100 codes',
    async run({ service }) {
      expectFail(await service.getServiceState(raw({ channelId: 1003 })), 'INVALID_SERVICE_CODES');
      expectFail(
        await service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT', ' '] }),
        'INVALID_SERVICE_CODES',
      );
      expectFail(
        await service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT,,SALES'] }),
        'INVALID_SERVICE_CODES',
      );
      const many = Array.from({ length: 101 }, (_, i) => `S${i}`);
      expectFail(
        await service.getServiceState({ channelId: 1003, serviceCodes: many }),
        'INVALID_SERVICE_CODES',
      );
      expectSuccess(
        await service.getServiceState({ channelId: 1003, serviceCodes: [...many.slice(0, 99), 'SUPPORT'] }),
      );
    },
  },
  {
    name: 'precedence: INVALID_CHANNEL_ID before INVALID_SERVICE_CODES',
    live: 'read-only',
    async run({ service }) {
      expectFail(await service.getServiceState(raw({ channelId: 'abc' })), 'INVALID_CHANNEL_ID');
    },
  },
  {
    name: 'SERVICE_STATE_NOT_FOUND when no requested code is configured; the map is still returned',
    live: 'read-only',
    async run({ service }) {
      const result = await service.getServiceState({ channelId: 1003, serviceCodes: ['NOPE', 'NADA'] });
      expectFail(result, 'SERVICE_STATE_NOT_FOUND');
      assert.deepEqual(result.state, { NOPE: 'UNKNOWN_SERVICE', NADA: 'UNKNOWN_SERVICE' });
    },
  },
  {
    name: 'INVALID_RESPONSE when the store fails, TIMEOUT_EXCEEDED when it times out',
    needs: ['storeFaults'],
    async run(target) {
      faults(target).failNext(1);
      expectFail(
        await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }),
        'INVALID_RESPONSE',
      );
      faults(target).failNext(1, 'timeout');
      expectFail(
        await target.service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }),
        'TIMEOUT_EXCEEDED',
      );
    },
  },
];
