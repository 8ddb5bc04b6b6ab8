import assert from 'node:assert/strict';
import type { SessionRecord, SessionStore } from '@mcc/engine';
import type { TestFunction } from './suite.js';

/** Options of {@link storeConformance}. */
export interface StoreSuiteOptions {
  describe: (name: string, fn: () => void) => void;
  test: TestFunction;
  /** A fresh, empty store for each case. */
  createStore: () => Promise<SessionStore> | SessionStore;
  /** Title of the describe block. Default `SessionStore conformance`. */
  title?: string;
}

/** A NEW session record on LiveHelp/SUPPORT with `extra` fields, for store tests. */
export const sessionRecord = (id: string, extra: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  channelId: 1003,
  serviceCode: 'SUPPORT',
  status: 'NEW',
  createdAt: 1000,
  updatedAt: 1000,
  ...extra,
});

const full: SessionRecord = sessionRecord('full', {
  status: 'CLOSED',
  data: 'd ✓ 日本',
  description: 'desc',
  contactId: 'c-1',
  contactValue: '+39',
  sessionData: '{"a":1}',
  username: 'alice',
  customMessage: 'hi',
  closing: { reason: 'REQUEST_FROM_CALLEE', at: 1500 },
  closedAt: 2000,
  closeCause: 'EXPIRED',
  timerAt: 5000,
  timer: 'purge',
});

/**
 * The `SessionStore` conformance suite: what the engine relies on from any store — round trips,
 * the unique session id, indexes and ordering, timers, key–value state, numbered events,
 * rollback, serialised licence decisions under concurrency, and closing.
 */
export function storeConformance(options: StoreSuiteOptions): void {
  const { describe, test } = options;
  const withStore = (fn: (store: SessionStore) => Promise<void>) => async () => {
    const store = await options.createStore();
    try {
      await fn(store);
    } finally {
      await store.close().catch(() => {});
    }
  };

  describe(options.title ?? 'SessionStore conformance', () => {
    test(
      'a session round-trips with every field',
      withStore(async (store) => {
        assert.equal(await store.transaction((tx) => tx.insertSession(full)), true);
        assert.deepEqual(await store.transaction((tx) => tx.getSession('full')), full);
        assert.equal(await store.transaction((tx) => tx.getSession('absent')), undefined);
      }),
    );

    test(
      'read sees every committed write and nothing of a rolled-back one',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          await tx.insertSession(sessionRecord('r', { status: 'QUEUED', queueKey: 1 }));
          await tx.putState('k', { v: 1 });
        });
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.insertSession(sessionRecord('gone'));
            throw new Error('roll back');
          }),
        );
        const seen = await store.read(async (tx) => ({
          session: await tx.getSession('r'),
          gone: await tx.getSession('gone'),
          queued: (await tx.querySessions({ status: ['QUEUED'] })).map((s) => s.id),
          open: await tx.countOpenSessions(1003),
          state: await tx.getState('k'),
          listed: await tx.listState('k'),
        }));
        assert.equal(seen.session?.id, 'r');
        assert.equal(seen.gone, undefined);
        assert.deepEqual(seen.queued, ['r']);
        assert.equal(seen.open, 1);
        assert.deepEqual(seen.state, { v: 1 });
        assert.deepEqual(seen.listed, [{ key: 'k', value: { v: 1 } }]);
      }),
    );

    test(
      'insert refuses a taken id without error; update replaces; delete forgets',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          assert.equal(await tx.insertSession(sessionRecord('a')), true);
          assert.equal(await tx.insertSession(sessionRecord('a', { channelId: 1 })), false);
        });
        await store.transaction((tx) =>
          tx.updateSession(sessionRecord('a', { status: 'QUEUED', queueKey: 5 })),
        );
        assert.equal((await store.transaction((tx) => tx.getSession('a')))?.status, 'QUEUED');
        await store.transaction((tx) => tx.deleteSession('a'));
        assert.equal(await store.transaction((tx) => tx.getSession('a')), undefined);
        assert.equal(await store.transaction((tx) => tx.insertSession(sessionRecord('a'))), true);
      }),
    );

    test(
      'counts open sessions per channel',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          await tx.insertSession(sessionRecord('1'));
          await tx.insertSession(sessionRecord('2', { status: 'ASSIGNED', username: 'bob' }));
          await tx.insertSession(sessionRecord('3', { status: 'CLOSED' }));
          await tx.insertSession(sessionRecord('4', { channelId: 2 }));
        });
        await store.transaction(async (tx) => {
          assert.equal(await tx.countOpenSessions(1003), 2);
          assert.equal(await tx.countOpenSessions(2), 1);
          assert.equal(await tx.countOpenSessions(1), 0);
          await tx.updateSession(sessionRecord('1', { status: 'CLOSED' }));
          assert.equal(await tx.countOpenSessions(1003), 1);
        });
      }),
    );

    test(
      'queries filter by status, service, channel and agent, in queue order',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          await tx.insertSession(sessionRecord('q3', { status: 'QUEUED', queueKey: 30 }));
          await tx.insertSession(sessionRecord('q1', { status: 'QUEUED', queueKey: 10 }));
          await tx.insertSession(
            sessionRecord('q2', { status: 'QUEUED', queueKey: -5, serviceCode: 'SALES' }),
          );
          await tx.insertSession(sessionRecord('q4', { status: 'QUEUED', queueKey: 20, channelId: 1 }));
          await tx.insertSession(sessionRecord('b1', { status: 'BOOKED', username: 'bob' }));
          await tx.insertSession(sessionRecord('a1', { status: 'ASSIGNED', username: 'bob', channelId: 1 }));
        });
        await store.transaction(async (tx) => {
          const ids = async (q: Parameters<typeof tx.querySessions>[0]) =>
            (await tx.querySessions(q)).map((s) => s.id);
          assert.deepEqual(await ids({ status: ['QUEUED'] }), ['q2', 'q1', 'q4', 'q3']);
          assert.deepEqual(await ids({ status: ['QUEUED'], serviceCode: 'SUPPORT' }), ['q1', 'q4', 'q3']);
          assert.deepEqual(await ids({ status: ['QUEUED'], channelId: 1003, serviceCode: 'SUPPORT' }), [
            'q1',
            'q3',
          ]);
          assert.deepEqual(await ids({ status: ['QUEUED'], limit: 1 }), ['q2']);
          assert.deepEqual((await ids({ username: 'bob' })).sort(), ['a1', 'b1']);
          assert.deepEqual(await ids({ username: 'bob', channelId: 1, status: ['BOOKED', 'ASSIGNED'] }), [
            'a1',
          ]);
          assert.equal((await tx.querySessions({})).length, 6);
        });
      }),
    );

    test(
      'due timers, earliest first, and the next timer',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          assert.equal(await tx.nextTimerAt(), undefined);
          await tx.insertSession(sessionRecord('t1', { timer: 'expire', timerAt: 300 }));
          await tx.insertSession(sessionRecord('t2', { timer: 'expire', timerAt: 100 }));
          await tx.insertSession(sessionRecord('t3', { timer: 'purge', timerAt: 900 }));
          await tx.insertSession(sessionRecord('t4'));
        });
        await store.transaction(async (tx) => {
          assert.equal(await tx.nextTimerAt(), 100);
          assert.deepEqual(
            (await tx.dueSessions(300, 10)).map((s) => s.id),
            ['t2', 't1'],
          );
          assert.deepEqual(
            (await tx.dueSessions(1000, 2)).map((s) => s.id),
            ['t2', 't1'],
          );
          await tx.updateSession(sessionRecord('t2'));
          assert.equal(await tx.nextTimerAt(), 300);
        });
      }),
    );

    test(
      'key–value state: get, put, delete, list by prefix',
      withStore(async (store) => {
        await store.transaction(async (tx) => {
          assert.equal(await tx.getState('agent:alice'), undefined);
          await tx.putState('agent:alice', { channels: { 1003: { ready: true, idleSince: 1 } } });
          await tx.putState('agent:bob', { channels: {} });
          await tx.putState('service:SUPPORT', { outOfService: true });
        });
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getState('agent:alice'), {
            channels: { 1003: { ready: true, idleSince: 1 } },
          });
          assert.deepEqual(
            (await tx.listState('agent:')).map((e) => e.key),
            ['agent:alice', 'agent:bob'],
          );
          await tx.putState('agent:bob', undefined);
          assert.equal(await tx.getState('agent:bob'), undefined);
        });
      }),
    );

    test(
      'events are numbered in increasing order (semantics §4) and read back after any sequence number',
      withStore(async (store) => {
        const seqs = await store.transaction(async (tx) => {
          const out = [];
          for (let i = 0; i < 5; i++)
            out.push((await tx.appendEvent({ type: 'session.started', at: i, sessionId: `s${i}` })).seq);
          return out;
        });
        // Increasing; a store may leave gaps (PostgreSQL numbers events from transaction ids).
        assert.ok(
          seqs.every(
            (seq, i) => Number.isSafeInteger(seq) && seq > 0 && (i === 0 || seq > (seqs[i - 1] as number)),
          ),
          `increasing: ${seqs.join(', ')}`,
        );
        const [s1, s2, s3, s4, s5] = seqs as [number, number, number, number, number];
        const after2 = await store.readEvents(s2, 10);
        assert.deepEqual(
          after2.map((e) => e.seq),
          [s3, s4, s5],
        );
        assert.deepEqual(after2[0], { type: 'session.started', at: 2, sessionId: 's2', seq: s3 });
        assert.deepEqual(
          (await store.readEvents(0, 2)).map((e) => e.seq),
          [s1, s2],
        );
        assert.deepEqual(await store.readEvents(s5, 10), []);
      }),
    );

    test(
      'a transaction that throws leaves nothing behind: sessions, state or events',
      withStore(async (store) => {
        await store.transaction((tx) => tx.insertSession(sessionRecord('kept')));
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.insertSession(sessionRecord('lost'));
            await tx.updateSession(sessionRecord('kept', { status: 'CLOSED' }));
            await tx.putState('agent:x', { channels: {} });
            await tx.appendEvent({ type: 'session.started', at: 0 });
            throw new Error('boom');
          }),
          /boom/,
        );
        await store.transaction(async (tx) => {
          assert.equal(await tx.getSession('lost'), undefined);
          assert.equal((await tx.getSession('kept'))?.status, 'NEW');
          assert.equal(await tx.countOpenSessions(1003), 1);
          assert.equal(await tx.getState('agent:x'), undefined);
        });
        assert.deepEqual(await store.readEvents(0, 10), []);
        const next = await store.transaction((tx) => tx.appendEvent({ type: 'session.started', at: 0 }));
        assert.deepEqual(await store.readEvents(0, 10), [next]);
      }),
    );

    test(
      'concurrent licence decisions under a lock never exceed the cap; one id wins a race',
      withStore(async (store) => {
        const attempt = (i: number) =>
          store.transaction(async (tx) => {
            await tx.lock('channel:1003');
            if ((await tx.countOpenSessions(1003)) >= 5) return false;
            return tx.insertSession(sessionRecord(`c${i}`));
          });
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
        assert.equal(results.filter(Boolean).length, 5);
        const race = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction((tx) => tx.insertSession(sessionRecord('same', { channelId: 1 }))),
          ),
        );
        assert.equal(race.filter(Boolean).length, 1);
      }),
    );

    test(
      'tryLock takes free locks at once (shared beside shared), and the engine issues the licence claim right behind the insert, not waiting for it',
      withStore(async (store) => {
        assert.equal(
          await store.transaction((tx) => tx.tryLock(['agent:a', 'service:s'], ['routing'])),
          true,
        );
        // Two transactions sharing `routing` and taking different agents: both get theirs.
        const both = await Promise.all(
          ['agent:b', 'agent:c'].map((name) => store.transaction((tx) => tx.tryLock([name], ['routing']))),
        );
        assert.deepEqual(both, [true, true]);
        // Insert and claim issued together, as startSession does: the claim sees the insert.
        const started = await store.transaction(async (tx) => {
          const [inserted, licensed] = await Promise.all([
            tx.insertSession(sessionRecord('together')),
            tx.claimLicence(1003, 1, 'together'),
          ]);
          return { inserted, licensed };
        });
        assert.deepEqual(started, { inserted: true, licensed: true });
        const full = await store
          .transaction(async (tx) => {
            const [, licensed] = await Promise.all([
              tx.insertSession(sessionRecord('second')),
              tx.claimLicence(1003, 1, 'second'),
            ]);
            if (!licensed) throw new Error('NO_LICENSE');
            return licensed;
          })
          .catch((error: Error) => error.message);
        assert.equal(full, 'NO_LICENSE');
        assert.equal(await store.transaction((tx) => tx.getSession('second')), undefined);
      }),
    );

    test(
      'licence claims: concurrent claims never exceed the count; a close, a delete or a rollback frees the licence',
      withStore(async (store) => {
        const start = (id: string) =>
          store
            .transaction(async (tx) => {
              await tx.insertSession(sessionRecord(id));
              if (!(await tx.claimLicence(1003, 5, id))) throw new Error('NO_LICENSE');
              return true;
            })
            .catch((error: Error) => {
              if (error.message !== 'NO_LICENSE') throw error;
              return false;
            });
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => start(`l${i}`)));
        assert.equal(results.filter(Boolean).length, 5);
        assert.equal(await store.transaction((tx) => tx.countOpenSessions(1003)), 5);
        assert.equal(await start('late'), false);
        const [closed, deleted] = results.flatMap((ok, i) => (ok ? [`l${i}`] : []));
        await store.transaction((tx) =>
          tx.updateSession(sessionRecord(closed as string, { status: 'CLOSED' })),
        );
        assert.equal(await start('after-close'), true);
        await store.transaction((tx) => tx.deleteSession(deleted as string));
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.insertSession(sessionRecord('rolled-back'));
            assert.equal(await tx.claimLicence(1003, 5, 'rolled-back'), true);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await start('after-delete'), true);
        assert.equal(await start('full-again'), false);
        assert.equal(await store.transaction((tx) => tx.countOpenSessions(1003)), 5);
      }),
    );

    test(
      'a closed store refuses work with STORE_CLOSED',
      withStore(async (store) => {
        await store.close();
        await assert.rejects(
          store.transaction((tx) => tx.getSession('x')),
          (error: { code?: string }) => error.code === 'STORE_CLOSED',
        );
        await assert.rejects(
          store.read((tx) => tx.getSession('x')),
          (error: { code?: string }) => error.code === 'STORE_CLOSED',
        );
      }),
    );
  });
}
