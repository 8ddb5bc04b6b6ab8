import type { ConformanceCase } from '../suite.js';
import { assert, control, onlyAgentOn1003, start } from './helpers.js';

function count<T>(list: readonly T[], pick: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) out[pick(item)] = (out[pick(item)] ?? 0) + 1;
  return out;
}

/** The invariants of semantics.md §6 under concurrent calls. */
export const concurrencyCases: ConformanceCase[] = [
  {
    name: '50 concurrent starts with one sessionId: exactly one SUCCESS, the rest DUPLICATED_SESSION_ID',
    async run({ service }) {
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'race' }),
        ),
      );
      assert.deepEqual(
        count(results, (r) => (r.result === 'SUCCESS' ? 'SUCCESS' : r.failReason)),
        {
          SUCCESS: 1,
          DUPLICATED_SESSION_ID: 49,
        },
      );
    },
  },
  {
    name: '3× licence-count concurrent starts: exactly licence-count SUCCESS, the rest NO_LICENSE',
    async run({ service }) {
      for (const [channelId, licences] of [
        [1, 5],
        [2, 2],
      ] as const) {
        const results = await Promise.all(
          Array.from({ length: licences * 3 }, () =>
            service.startSession({ channelId, serviceid: 'SUPPORT' }),
          ),
        );
        assert.deepEqual(
          count(results, (r) => (r.result === 'SUCCESS' ? 'SUCCESS' : r.failReason)),
          {
            SUCCESS: licences,
            NO_LICENSE: licences * 2,
          },
        );
      }
    },
  },
  {
    name: 'concurrent closes of one session: one close happens, every answer is SUCCESS or IS_PENDING',
    needs: ['control'],
    async run(target) {
      const sessionId = await start(target.service);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => target.service.closeSession({ sessionId })),
      );
      for (const r of results)
        assert.ok(r.result === 'SUCCESS' || r.failReason === 'IS_PENDING', JSON.stringify(r));
      const closes = (await control(target).readEvents(0, 10_000)).filter(
        (e) => e.sessionId === sessionId && e.status === 'CLOSED',
      );
      assert.equal(closes.length, 1);
    },
  },
  {
    name: 'concurrent accepts never book an agent past its capacity, nor one session twice',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      await onlyAgentOn1003(target, 'alice');
      const ids = await Promise.all(Array.from({ length: 10 }, () => start(service)));
      const direct = await Promise.all(
        ids.slice(0, 5).map((sessionId) => service.sessionAccept({ sessionId, user: 'alice' })),
      );
      const queued = await Promise.all(ids.slice(5).map((sessionId) => service.sessionAccept({ sessionId })));
      assert.equal(direct.filter((r) => r.result === 'SUCCESS').length, 2);
      for (const r of direct)
        assert.ok(r.result === 'SUCCESS' || r.failReason === 'REQUEST_REJECTED_BY_SERVICE');
      assert.ok(queued.every((r) => r.result === 'SUCCESS' && r.status === 'QUEUED'));
      const alice = (await control(target).snapshot()).agents.find((a) => a.username === 'alice');
      assert.equal(alice?.channels.find((c) => c.channelId === 1003)?.load, 2);
      const events = await control(target).readEvents(0, 10_000);
      const bookings = events.filter((e) => e.status === 'BOOKED');
      assert.equal(new Set(bookings.map((e) => e.sessionId)).size, bookings.length);
    },
  },
];
