import assert from 'node:assert/strict';
import type { ContactCenterConfigInput, SessionRecord } from '@mcc/engine';
import { describe, onTestFinished, test } from 'vitest';
import { eventually } from './support/eventually.js';
import { gate } from './support/gate.js';
import { type Node, nodeFor, startNodes } from './support/nodes.js';
import { adminPool, openStore } from './support/test-store.js';

/**
 * Race tests aimed at scoped routing (issue 18): closes that free an agent and sessionAccept take
 * `routing` shared plus the locks of the agents (and service) they concern, so decisions about
 * different agents run in parallel on several nodes. Agents serve overlapping services with
 * capacities 1 and 2, so a wrong scope would show as an agent past its capacity, a session booked
 * twice, or a free agent left beside a queued session it could take.
 */
const config: ContactCenterConfigInput = {
  name: 'overlap',
  channels: [{ id: 1003, licences: 500 }],
  services: [
    { code: 'A', channels: [1003] },
    { code: 'B', channels: [1003] },
    { code: 'C', channels: [1003] },
  ],
  agents: [
    // x serves A and B (capacity 1), y serves A (2), z serves B and C (1), w serves C (2).
    {
      username: 'x',
      profiles: [1003],
      skills: ['A', 'B'],
      capacity: 1,
      autoAnswer: 0,
      loggedInAtStart: [1003],
    },
    { username: 'y', profiles: [1003], skills: ['A'], capacity: 2, autoAnswer: 0, loggedInAtStart: [1003] },
    { username: 'z', profiles: [1003], skills: ['B', 'C'], capacity: 1, loggedInAtStart: [1003] },
    { username: 'w', profiles: [1003], skills: ['C'], capacity: 2, autoAnswer: 0, loggedInAtStart: [1003] },
  ],
};
const capacity = new Map([
  ['x', 1],
  ['y', 2],
  ['z', 1],
  ['w', 2],
]);
const skills = new Map(config.agents?.map((a) => [a.username, a.skills as string[]]));
const services = ['A', 'B', 'C'];

async function sessions(node: Node): Promise<SessionRecord[]> {
  return node.engine.control.listSessions({});
}

/** Capacity, one booking per session, and no free agent beside a queued session it could take. */
async function assertConsistent(nodes: Node[]): Promise<void> {
  const all = await sessions(nodes[0] as Node);
  const held = all.filter((s) => s.status === 'BOOKED' || s.status === 'ASSIGNED');
  const logins = new Map(
    (await (nodes[0] as Node).engine.control.snapshot()).agents.map((a) => [
      a.username,
      a.channels.find((c) => c.channelId === 1003),
    ]),
  );
  for (const [agent, cap] of capacity) {
    const load = held.filter((s) => s.username === agent).length;
    assert.ok(load <= cap, `${agent} holds ${load} > ${cap}`);
    const login = logins.get(agent);
    const queuedForIt = all.filter(
      (s) => s.status === 'QUEUED' && skills.get(agent)?.includes(s.serviceCode),
    );
    if (login?.ready && load < cap)
      assert.equal(
        queuedForIt.length,
        0,
        `${agent} has room (${load}/${cap}) beside ${queuedForIt.length} queued`,
      );
  }
  // Every BOOKED event names one agent per booking, and no session is held by two agents.
  const events = await (nodes[1] as Node).engine.control.readEvents(0, 1_000_000);
  const holder = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'session.status' || !e.sessionId) continue;
    if (e.status === 'BOOKED') {
      assert.equal(holder.has(e.sessionId), false, `${e.sessionId} booked while held`);
      holder.set(e.sessionId, e.username as string);
    } else if (e.status === 'QUEUED' || e.status === 'CLOSED') holder.delete(e.sessionId);
  }
}

/** Starts `n` sessions spread over the services and nodes. */
async function startSome(nodes: Node[], n: number, offset = 0): Promise<string[]> {
  const started = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      nodeFor(nodes, i + offset).service.startSession({
        channelId: 1003,
        serviceid: services[(i + offset) % 3] as string,
      }),
    ),
  );
  return started.map((r) => {
    assert.equal(r.result, 'SUCCESS', JSON.stringify(r));
    return r.sessionId as string;
  });
}

describe('scoped routing across nodes (issue 18)', () => {
  test('a close that meets its agent scope held elsewhere never waits for it behind the row lock: it rolls back, runs again waiting for the scope before the row, and the holder gets the row at once', async () => {
    const [node] = await startNodes({ count: 1, config });
    const started = await (node as Node).service.startSession({ channelId: 1003, serviceid: 'A' });
    const id = started.sessionId as string;
    const accepted = await (node as Node).service.sessionAccept({ sessionId: id, user: 'y' });
    assert.equal(accepted.status, 'ASSIGNED');
    // Another decision over agent y, as sessionAccept and closes take it: `routing` shared, then
    // `agent:y`; it then wants the session's row. Its statements give up after 800 ms, before
    // PostgreSQL's deadlock detector (1 s) would notice a close waiting for `agent:y` behind the row.
    const other = await openStore({ schema: (node as Node).schema, statementTimeoutMs: 800 });
    onTestFinished(() => other.close());
    const admin = adminPool();
    onTestFinished(() => admin.end());
    const release = gate();
    const held = gate();
    const decision = other.transaction(async (tx) => {
      await tx.lock('routing', true);
      await tx.lock(['agent:y']);
      held.open();
      await release.opened;
      return tx.getSession(id);
    });
    await held.opened;
    const close = (node as Node).service.closeSession({ sessionId: id });
    // The close's rerun waits for `agent:y` (behind the holder), holding no row.
    assert.ok(
      await eventually(async () => {
        const waiting = await admin.query(
          "SELECT count(*)::integer AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        return waiting.rows[0].n === 1;
      }),
      'the close never waited for the agent lock',
    );
    release.open();
    const row = await decision;
    assert.equal(row?.status, 'ASSIGNED');
    assert.equal((await close).result, 'SUCCESS');
    const after = (await sessions(node as Node)).find((s) => s.id === id);
    assert.equal(after?.status, 'CLOSED');
  });

  test('lock(names) takes every name in one statement, each held to the end; shared holders of routing do not exclude each other, an exclusive one waits', async () => {
    const a = await openStore();
    const b = await openStore({ schema: a.schema });
    onTestFinished(async () => {
      await a.close();
      await b.close();
    });
    const release = gate();
    const held = gate();
    const first = a.transaction(async (tx) => {
      await tx.lock('routing', true);
      await tx.lock(['agent:p', 'agent:q']);
      held.open();
      await release.opened;
    });
    await held.opened;
    const order: string[] = [];
    // Another shared holder of routing, on another name: not excluded.
    await b.transaction(async (tx) => {
      await tx.lock('routing', true);
      await tx.lock(['agent:r']);
    });
    order.push('r');
    const q = b.transaction((tx) => tx.lock(['agent:q'])).then(() => order.push('q'));
    const all = b.transaction((tx) => tx.lock('routing')).then(() => order.push('routing'));
    await new Promise((r) => setTimeout(r, 200));
    order.push('released');
    release.open();
    await Promise.all([first, q, all]);
    assert.deepEqual(order.slice(0, 2), ['r', 'released']);
    assert.deepEqual(new Set(order.slice(2)), new Set(['q', 'routing']));
  });

  test('concurrent accepts over overlapping services on three nodes: capacity 1 and 2 kept, no double booking, no idle agent beside its queue', async () => {
    const nodes = await startNodes({ count: 3, config });
    const ids = await startSome(nodes, 45);
    const results = await Promise.all(
      ids.map((sessionId, i) => nodeFor(nodes, i).service.sessionAccept({ sessionId })),
    );
    assert.ok(
      results.every((r) => r.result === 'SUCCESS'),
      JSON.stringify(results.filter((r) => r.result !== 'SUCCESS')),
    );
    const held = (await sessions(nodes[0] as Node)).filter(
      (s) => s.status === 'BOOKED' || s.status === 'ASSIGNED',
    );
    assert.equal(held.length, 6);
    await assertConsistent(nodes);
  });

  test('rounds of closes that free agents racing with accepts and direct bookings on other nodes keep every invariant, FIFO per service', async () => {
    const nodes = await startNodes({ count: 2, config });
    let offset = 0;
    for (let round = 0; round < 6; round++) {
      const fresh = await startSome(nodes, 12, offset);
      offset += 12;
      const held = (await sessions(nodes[0] as Node)).filter(
        (s) => s.status === 'BOOKED' || s.status === 'ASSIGNED',
      );
      const ops = [
        ...held.map((s, i) => () => nodeFor(nodes, i + 1).service.closeSession({ sessionId: s.id })),
        ...fresh.map(
          (sessionId, i) => () =>
            nodeFor(nodes, i).service.sessionAccept(
              i % 4 === 0 ? { sessionId, user: i % 8 ? 'y' : 'x' } : { sessionId },
            ),
        ),
      ];
      const results = await Promise.all(ops.map((op) => op()));
      for (const r of results)
        assert.ok(
          r.result === 'SUCCESS' || r.failReason === 'REQUEST_REJECTED_BY_SERVICE',
          JSON.stringify(r),
        );
      await assertConsistent(nodes);
    }
    // FIFO per service: every session still queued was queued after every session of its service
    // that got an agent from the queue (booked sessions carry their queue key).
    const all = await sessions(nodes[0] as Node);
    for (const code of services) {
      const waiting = all.filter((s) => s.serviceCode === code && s.status === 'QUEUED');
      const taken = all.filter(
        (s) => s.serviceCode === code && s.status !== 'QUEUED' && s.queueKey !== undefined,
      );
      const firstWaiting = Math.min(...waiting.map((s) => s.queueKey as number));
      for (const s of taken)
        assert.ok((s.queueKey as number) <= firstWaiting, `${code}: ${s.id} overtook the queue`);
    }
  });

  test('a logout racing with accepts and closes on the other node leaves the agent without bookings, the rest consistent', async () => {
    const nodes = await startNodes({ count: 2, config });
    const ids = await startSome(nodes, 18);
    for (const [i, sessionId] of ids.entries())
      assert.equal((await nodeFor(nodes, i).service.sessionAccept({ sessionId })).result, 'SUCCESS');
    const more = await startSome(nodes, 18, 18);
    const held = (await sessions(nodes[0] as Node)).filter(
      (s) => s.status === 'BOOKED' || s.status === 'ASSIGNED',
    );
    const results = await Promise.all([
      (nodes[0] as Node).service.logoutAgentFromChannel({ agentUsername: 'x', channelId: 1003 }),
      ...held
        .filter((s) => s.username !== 'x')
        .map((s, i) => nodeFor(nodes, i + 1).service.closeSession({ sessionId: s.id })),
      ...more.map((sessionId, i) => nodeFor(nodes, i + 1).service.sessionAccept({ sessionId })),
    ]);
    assert.ok(
      results.every((r) => r.result === 'SUCCESS'),
      JSON.stringify(results.filter((r) => r.result !== 'SUCCESS')),
    );
    const all = await sessions(nodes[1] as Node);
    assert.equal(all.filter((s) => s.username === 'x' && s.status === 'BOOKED').length, 0);
    const x = (await (nodes[1] as Node).engine.control.snapshot()).agents.find((a) => a.username === 'x');
    assert.equal(x?.channels.find((c) => c.channelId === 1003)?.loggedIn, false);
    // Nothing was booked to x after its logout committed.
    const events = await (nodes[1] as Node).engine.control.readEvents(0, 1_000_000);
    const logout = events.findIndex((e) => e.type === 'agent.logout' && e.username === 'x');
    assert.ok(logout >= 0);
    assert.deepEqual(
      events
        .slice(logout)
        .filter((e) => e.type === 'session.status' && e.status === 'BOOKED' && e.username === 'x'),
      [],
    );
    await assertConsistent(nodes);
  });
});
