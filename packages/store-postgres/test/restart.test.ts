import assert from 'node:assert/strict';
import { type MccService, withValidation } from '@mcc/core';
import { type ContactCenterConfigInput, createEngine, type Engine, VirtualClock } from '@mcc/engine';
import { demoContactCenter } from '@mcc/testkit';
import { afterAll, beforeAll, describe, onTestFinished, test } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/index.js';
import { type PgCluster, startCluster } from '../src/testing/index.js';
import { tally } from './support/nodes.js';

// These tests stop and start PostgreSQL, so they run their own server, never the shared one.
let cluster: PgCluster;
let url: string;

beforeAll(async () => {
  cluster = await startCluster();
  url = await cluster.createDatabase('mcc_restart');
}, 120_000);

afterAll(async () => {
  await cluster?.destroy();
});

/** Only prevents a hang from passing unnoticed: fails when `promise` has not settled after `ms`. */
async function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

interface Node {
  store: PostgresStore;
  engine: Engine;
  service: MccService;
  clock: VirtualClock;
  poolErrors: unknown[];
  timerErrors: unknown[];
}

const service = (node: Node) => node.service;

async function startNode(schema: string, config?: ContactCenterConfigInput): Promise<Node> {
  const poolErrors: unknown[] = [];
  const timerErrors: unknown[] = [];
  const store = await createPostgresStore({
    connectionString: url,
    schema,
    connectionTimeoutMs: 2000,
    statementTimeoutMs: 5000,
    onError: (error) => poolErrors.push(error),
  });
  const clock = new VirtualClock();
  const engine = await createEngine({
    store,
    clock,
    onError: (error) => timerErrors.push(error),
    ...(config ? { config } : {}),
  });
  onTestFinished(() => engine.close());
  return { store, engine, service: withValidation(engine), clock, poolErrors, timerErrors };
}

const failReason = (r: { result: string; failReason?: string }) =>
  r.result === 'SUCCESS' ? 'SUCCESS' : r.failReason;

describe('PostgreSQL stopped and started again under a running node', () => {
  test('operations answer their storage fail reason while it is down, and the same node recovers', async () => {
    const node = await startNode('restart_a');
    const { service } = node;
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await service.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
      assert.equal(r.result, 'SUCCESS');
      acknowledged.push(r.sessionId as string);
    }
    const [first, second] = acknowledged as [string, string];

    await cluster.stop();

    const bound = 30_000;
    const down = {
      startSession: await settlesWithin(
        service.startSession({ channelId: 1003, serviceid: 'SUPPORT' }),
        bound,
        'startSession',
      ),
      sessionAccept: await settlesWithin(service.sessionAccept({ sessionId: first }), bound, 'sessionAccept'),
      setSessionData: await settlesWithin(
        service.setSessionData({ sessionId: first, sessionData: 'x' }),
        bound,
        'setSessionData',
      ),
      closeSession: await settlesWithin(service.closeSession({ sessionId: second }), bound, 'closeSession'),
      getServiceState: await settlesWithin(
        service.getServiceState({ channelId: 1003, serviceCodes: ['SUPPORT'] }),
        bound,
        'getServiceState',
      ),
      logoutAgentFromChannel: await settlesWithin(
        service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'alice' }),
        bound,
        'logoutAgentFromChannel',
      ),
    };
    assert.deepEqual(Object.fromEntries(Object.entries(down).map(([op, r]) => [op, failReason(r)])), {
      startSession: 'DATABASE_ERROR',
      sessionAccept: 'GENERIC',
      setSessionData: 'INVALID_RESPONSE',
      closeSession: 'DATABASE_ERROR',
      getServiceState: 'INVALID_RESPONSE',
      logoutAgentFromChannel: 'LOGOUT_DATABASE_ERROR',
    });
    // checkSession has no storage fail reason: the error reaches the transport (a server fault).
    await assert.rejects(
      settlesWithin(service.checkSession({ sessionId: first }), bound, 'checkSession'),
      (error: { code?: string }) => error.code === 'STORE_UNAVAILABLE',
    );
    await assert.rejects(
      node.store.readEvents(0, 10),
      (error: { code?: string }) => error.code === 'STORE_UNAVAILABLE',
    );
    // Timers due while the database is away fail, and are tried again later.
    await node.clock.advance(10 * 60_000 + 1);
    assert.ok(node.timerErrors.length > 0, 'the timer run failed while the database was down');
    // The pooled connections the server ended were reported, not thrown (the process lives on).
    assert.ok(node.poolErrors.length > 0, 'idle connection errors reach onError');

    await cluster.start();

    // The same store and engine, not recreated: the very first call works again.
    assert.equal((await service.checkSession({ sessionId: second })).status, 'NEW');
    const after = await service.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
    assert.equal(after.result, 'SUCCESS');
    assert.equal(
      (await service.logoutAgentFromChannel({ channelId: 1003, agentUsername: 'alice' })).result,
      'SUCCESS',
    );
    // The expiry that failed during the outage runs on the retry.
    await node.clock.advance(1000);
    for (const sessionId of acknowledged)
      assert.equal((await service.checkSession({ sessionId })).status, 'CLOSED');
  }, 120_000);

  test('a stop in the middle of a write load: every answer is SUCCESS or DATABASE_ERROR, every SUCCESS durable', async () => {
    const node = await startNode(
      'restart_b',
      demoContactCenter((cc) => {
        for (const channel of cc.channels) if (channel.id === 1003) channel.licences = 100_000;
      }),
    );
    const answers: Array<{ result: string; failReason?: string; sessionId?: string }> = [];
    let stopping: Promise<void> | undefined;
    let stopped = false;
    // Start sessions, 5 at a time; stop the server after a few rounds; go on until it answers only failures.
    for (let round = 0; round < 1000; round++) {
      const batch = await Promise.all(
        Array.from({ length: 5 }, () =>
          settlesWithin(
            service(node).startSession({ channelId: 1003, serviceid: 'SUPPORT' }),
            30_000,
            'startSession',
          ),
        ),
      );
      answers.push(...batch);
      if (round === 5)
        stopping = cluster.stop().then(() => {
          stopped = true;
        });
      if (stopped && batch.every((a) => a.result === 'FAILED')) break;
    }
    await stopping;
    assert.deepEqual(Object.keys(tally(answers, (a) => failReason(a) ?? '?')).sort(), [
      'DATABASE_ERROR',
      'SUCCESS',
    ]);

    await cluster.start();
    const acknowledged = answers.filter((a) => a.result === 'SUCCESS').map((a) => a.sessionId as string);
    const stored = new Set((await node.engine.control.listSessions({ channelId: 1003 })).map((s) => s.id));
    assert.deepEqual(
      acknowledged.filter((id) => !stored.has(id)),
      [],
    );
    assert.ok(acknowledged.length >= 30, `${acknowledged.length} sessions were acknowledged before the stop`);
  }, 120_000);
});
