import type { ConformanceCase } from '../suite.js';
import {
  assert,
  control,
  expectSuccess,
  onlyAgentOn1003,
  start,
  startAndAccept,
  statusOf,
  transitions,
} from './helpers.js';

/** The session state machine end to end, and the domain event stream. */
export const lifecycleCases: ConformanceCase[] = [
  {
    name: 'NEW → QUEUED → BOOKED → ASSIGNED → CLOSED, with the agent accepting by hand',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      await onlyAgentOn1003(target, 'bob');
      await control(target).setAgentReady('bob', 1003, false);
      const sessionId = await start(service);
      assert.equal(await statusOf(service, sessionId), 'NEW');
      assert.equal(expectSuccess(await service.sessionAccept({ sessionId })).status, 'QUEUED');
      await control(target).setAgentReady('bob', 1003, true);
      const booked = expectSuccess(await service.checkSession({ sessionId }));
      assert.equal(booked.status, 'BOOKED');
      assert.equal(booked.username, 'bob');
      await control(target).acceptSession(sessionId);
      assert.equal(await statusOf(service, sessionId), 'ASSIGNED');
      expectSuccess(await service.closeSession({ sessionId }));
      assert.equal(await statusOf(service, sessionId), 'CLOSED');
      assert.deepEqual(await transitions(target, sessionId), [
        '>NEW',
        'NEW>QUEUED',
        'QUEUED>BOOKED',
        'BOOKED>ASSIGNED',
        'ASSIGNED>CLOSED',
      ]);
    },
  },
  {
    name: 'NEW → BOOKED with sessionAccept(user), then ASSIGNED and closed by the agent',
    needs: ['control'],
    async run(target) {
      const { sessionId } = await startAndAccept(target.service, {}, 'bob');
      await control(target).acceptSession(sessionId);
      const closed = await control(target).closeSessionAsAgent(sessionId);
      assert.equal(closed.result, 'SUCCESS');
      assert.equal((await control(target).getSession(sessionId))?.closeCause, 'REQUEST_FROM_CALLEE');
      assert.deepEqual(await transitions(target, sessionId), [
        '>NEW',
        'NEW>BOOKED',
        'BOOKED>ASSIGNED',
        'ASSIGNED>CLOSED',
      ]);
    },
  },
  {
    name: 'NEW → CLOSED and QUEUED → CLOSED and BOOKED → CLOSED by closeSession',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      const fresh = await start(service);
      const queued = await startAndAccept(service, { channelId: 1 });
      const booked = await startAndAccept(service, {}, 'bob');
      for (const id of [fresh, queued.sessionId, booked.sessionId])
        expectSuccess(await service.closeSession({ sessionId: id }));
      assert.deepEqual((await transitions(target, fresh)).at(-1), 'NEW>CLOSED');
      assert.deepEqual((await transitions(target, queued.sessionId)).at(-1), 'QUEUED>CLOSED');
      assert.deepEqual((await transitions(target, booked.sessionId)).at(-1), 'BOOKED>CLOSED');
      const bob = (await control(target).snapshot()).agents.find((a) => a.username === 'bob');
      assert.equal(bob?.channels.find((c) => c.channelId === 1003)?.load, 0);
    },
  },
  {
    name: 'BOOKED → QUEUED when the agent declines: back at the head of the queue',
    needs: ['control'],
    async run(target) {
      const { service } = target;
      await onlyAgentOn1003(target, 'bob');
      const first = await startAndAccept(service, {}, 'bob');
      await control(target).setAgentReady('bob', 1003, false);
      const second = await startAndAccept(service);
      assert.equal(second.status, 'QUEUED');
      await control(target).declineSession(first.sessionId);
      const queue = await control(target).listSessions({ status: ['QUEUED'] });
      assert.deepEqual(
        queue.map((s) => s.id),
        [first.sessionId, second.sessionId],
      );
      const check = expectSuccess(await service.checkSession({ sessionId: first.sessionId }));
      assert.equal(check.status, 'QUEUED');
      assert.equal(check.username, undefined);
    },
  },
  {
    name: 'every state change is an event; sequence numbers rise (semantics §4) and replay from any point',
    needs: ['control'],
    async run(target) {
      const seen: number[] = [];
      const unsubscribe = control(target).subscribe((e) => seen.push(e.seq));
      const { sessionId } = await startAndAccept(target.service);
      expectSuccess(await target.service.closeSession({ sessionId }));
      unsubscribe();
      const all = await control(target).readEvents(0, 1000);
      // Increasing and unique; a store may leave gaps (PostgreSQL numbers events from transaction ids).
      const seqs = all.map((e) => e.seq);
      assert.ok(
        seqs.every((seq, i) => Number.isSafeInteger(seq) && seq > (i === 0 ? 0 : (seqs[i - 1] as number))),
        `increasing: ${seqs.join(', ')}`,
      );
      assert.deepEqual(
        seen,
        all.slice(-seen.length).map((e) => e.seq),
      );
      assert.ok(seen.length >= 5, `expected start, queue, book, assign, close events, saw ${seen.length}`);
      const from = all[2]?.seq ?? 0;
      assert.deepEqual(await control(target).readEvents(from, 1000), all.slice(3));
      assert.deepEqual(await control(target).readEvents(from, 2), all.slice(3, 5));
    },
  },
];
