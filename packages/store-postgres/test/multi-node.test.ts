import assert from 'node:assert/strict';
import type { DomainEvent, SessionRecord } from '@mcc/engine';
import { demoContactCenter } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { eventually } from './support/eventually.js';
import { type Node, nodeFor, startNodes, tally } from './support/nodes.js';

const outcome = (r: { result: string; failReason?: string }) =>
  r.result === 'SUCCESS' ? 'SUCCESS' : (r.failReason ?? '?');

/** Starts `count` sessions round robin over the nodes, all at once; returns their ids. */
async function startMany(nodes: Node[], count: number, channelId = 1003): Promise<string[]> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      nodeFor(nodes, i).service.startSession({ channelId, serviceid: 'SUPPORT' }),
    ),
  );
  return results.map((r) => {
    assert.equal(r.result, 'SUCCESS', JSON.stringify(r));
    return r.sessionId as string;
  });
}

/** Every `session.status` event per session, read from the shared store. */
async function statusEvents(node: Node, status: string) {
  const events = await node.engine.control.readEvents(0, 1_000_000);
  return events.filter((e) => e.type === 'session.status' && e.status === status);
}

const alice1003 = async (node: Node) =>
  (await node.engine.control.snapshot()).agents
    .find((a) => a.username === 'alice')
    ?.channels.find((c) => c.channelId === 1003);

/** The demo contact center's timers (defaults of TimersConfig). */
const newSessionTtlMs = 10 * 60_000;
const closedRetentionMs = 60 * 60_000;

describe('two engines on one PostgreSQL database (semantics.md §6)', () => {
  test('start-up logins are applied once, however many nodes start together', async () => {
    const nodes = await startNodes({ count: 3 });
    const logins = (await nodes[0]!.engine.control.readEvents(0, 1000)).filter(
      (e) => e.type === 'agent.login',
    );
    assert.deepEqual(logins.map((e) => e.username).sort(), ['alice', 'bob']);
  });

  test('200 concurrent starts across both nodes on the 5-licence channel 1: exactly 5 SUCCESS', async () => {
    const nodes = await startNodes();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        nodeFor(nodes, i).service.startSession({ channelId: 1, serviceid: 'SUPPORT' }),
      ),
    );
    assert.deepEqual(tally(results, outcome), { SUCCESS: 5, NO_LICENSE: 195 });
    for (const node of nodes) {
      const channel1 = (await node.engine.control.snapshot()).channels.find((c) => c.id === 1);
      assert.equal(channel1?.open, 5);
    }
  });

  test('50 concurrent starts with one sessionId across both nodes: exactly one SUCCESS', async () => {
    const nodes = await startNodes();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        nodeFor(nodes, i).service.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'race' }),
      ),
    );
    assert.deepEqual(tally(results, outcome), { SUCCESS: 1, DUPLICATED_SESSION_ID: 49 });
    const started = (await nodes[1]!.engine.control.readEvents(0, 1000)).filter(
      (e) => e.type === 'session.started',
    );
    assert.equal(started.length, 1);
  });

  test('concurrent accepts across nodes never book an agent past its capacity, nor a session twice', async () => {
    const nodes = await startNodes();
    await nodes[0]!.engine.control.logoutAgent('bob', 1003);
    const ids = await startMany(nodes, 20);
    // Direct accepts to alice (capacity 2) and plain accepts (routed to her) all at once.
    const results = await Promise.all(
      ids.map((sessionId, i) =>
        nodeFor(nodes, i).service.sessionAccept(i < 10 ? { sessionId, user: 'alice' } : { sessionId }),
      ),
    );
    for (const r of results.slice(0, 10))
      assert.ok(r.result === 'SUCCESS' || r.failReason === 'REQUEST_REJECTED_BY_SERVICE', JSON.stringify(r));
    assert.ok(results.slice(10).every((r) => r.result === 'SUCCESS'));
    assert.equal((await alice1003(nodes[1]!))?.load, 2);
    const held = await nodes[0]!.engine.control.listSessions({
      username: 'alice',
      status: ['BOOKED', 'ASSIGNED'],
    });
    assert.equal(held.length, 2);
    const booked = await statusEvents(nodes[0]!, 'BOOKED');
    assert.equal(booked.length, 2);
    assert.equal(new Set(booked.map((e) => e.sessionId)).size, 2);

    // A close on one node frees capacity that routing (on that node) fills from the shared queue.
    const closing = held[0] as SessionRecord;
    assert.equal((await nodes[1]!.service.closeSession({ sessionId: closing.id })).result, 'SUCCESS');
    assert.equal((await alice1003(nodes[0]!))?.load, 2);
    const again = await statusEvents(nodes[0]!, 'BOOKED');
    assert.equal(again.length, 3);
    assert.equal(new Set(again.map((e) => e.sessionId)).size, 3);
  });

  test('closes racing across nodes — of held sessions (routing), of queued and new ones (row lock only) — never push an agent past its capacity, and refill it', async () => {
    const nodes = await startNodes();
    await nodes[0]!.engine.control.logoutAgent('bob', 1003);
    const ids = await startMany(nodes, 24);
    const queued = ids.slice(0, 16);
    for (const [i, sessionId] of queued.entries())
      assert.equal((await nodeFor(nodes, i).service.sessionAccept({ sessionId })).result, 'SUCCESS');
    const held = await nodes[0]!.engine.control.listSessions({
      username: 'alice',
      status: ['BOOKED', 'ASSIGNED'],
    });
    assert.equal(held.length, 2);
    const heldIds = new Set(held.map((s) => s.id));
    // All at once, spread over both nodes: the held sessions, half the still-queued ones and the NEW ones.
    const waiting = queued.filter((id) => !heldIds.has(id));
    const closes = [...heldIds, ...waiting.slice(0, 7), ...ids.slice(16)];
    const results = await Promise.all(
      closes.map((sessionId, i) => nodeFor(nodes, i).service.closeSession({ sessionId })),
    );
    assert.deepEqual(tally(results, outcome), { SUCCESS: closes.length });
    // Alice is full again, from what is still queued, and was never over her capacity of 2.
    assert.equal((await alice1003(nodes[1]!))?.load, 2);
    const events = await nodes[1]!.engine.control.readEvents(0, 100_000);
    const holding = new Set<string>();
    for (const e of events) {
      if (e.type !== 'session.status' || !e.sessionId) continue;
      if (e.status === 'BOOKED' || e.status === 'ASSIGNED') holding.add(e.sessionId);
      else holding.delete(e.sessionId);
      assert.ok(holding.size <= 2, `alice held ${[...holding].join(', ')} at event ${e.seq}`);
    }
    const rebooked = (await statusEvents(nodes[1]!, 'BOOKED')).map((e) => e.sessionId);
    assert.equal(new Set(rebooked).size, rebooked.length, 'no session booked twice');
    // What she holds now is open: a closed session is never held (one booked just before its close is closed).
    const now = await nodes[0]!.engine.control.listSessions({
      username: 'alice',
      status: ['BOOKED', 'ASSIGNED'],
    });
    assert.ok(
      now.every((session) => !closes.includes(session.id)),
      'no closed session held',
    );
  });

  test('concurrent closes of one session across nodes: one close, every answer SUCCESS', async () => {
    const nodes = await startNodes();
    const [sessionId] = await startMany(nodes, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => nodeFor(nodes, i).service.closeSession({ sessionId: sessionId! })),
    );
    assert.deepEqual(tally(results, outcome), { SUCCESS: 20 });
    assert.equal(
      (await statusEvents(nodes[1]!, 'CLOSED')).filter((e) => e.sessionId === sessionId).length,
      1,
    );
  });

  test('each due timer fires exactly once when both nodes run their timers at the same time', async () => {
    const nodes = await startNodes();
    const ids = await startMany(nodes, 40);
    await Promise.all(nodes.map((n) => n.clock.advance(1000)));
    const later = await startMany(nodes, 10);
    // Both clocks move together: each node wakes for its own timers and handles every due one.
    await Promise.all(nodes.map((n) => n.clock.advance(newSessionTtlMs + 1)));
    const closes = await statusEvents(nodes[0]!, 'CLOSED');
    assert.deepEqual(
      tally(closes, (e) => e.sessionId ?? '?'),
      tally([...ids, ...later], (id) => id),
    );
    assert.ok(closes.every((e) => e.detail?.cause === 'EXPIRED'));

    await Promise.all(nodes.map((n) => n.clock.advance(closedRetentionMs + 1)));
    const purged = (await nodes[1]!.engine.control.readEvents(0, 100_000)).filter(
      (e) => e.type === 'session.purged',
    );
    assert.deepEqual(
      tally(purged, (e) => e.sessionId ?? '?'),
      tally([...ids, ...later], (id) => id),
    );
    // Each event was published by exactly one node.
    const published = nodes.flatMap((n) => n.published.filter((e) => e.type === 'session.purged'));
    assert.equal(published.length, 50);
  });

  test('with timerPollMs, a timer set on one node fires on another whose clock reaches it', async () => {
    const nodes = await startNodes({ timerPollMs: 20 });
    const [a, b] = nodes as [Node, Node];
    const ids = await startMany([a], 10);
    // Only node B's time moves; B never armed these timers: its poll finds them in the store.
    await b.clock.advance(newSessionTtlMs + 1);
    const allClosed = await eventually(
      async () => (await b.engine.control.listSessions({ status: ['CLOSED'] })).length === 10,
    );
    assert.ok(allClosed, 'node B closed the expired sessions');
    const closes = await statusEvents(b, 'CLOSED');
    assert.deepEqual(
      tally(closes, (e) => e.sessionId ?? '?'),
      tally(ids, (id) => id),
    );
    assert.equal(b.published.filter((e) => e.status === 'CLOSED').length, 10);
    assert.equal(a.published.filter((e) => e.status === 'CLOSED').length, 0);
  });

  test('event numbers stay unique and increasing across nodes under a mixed concurrent load, and a reader polling meanwhile gets exactly the stored stream', async () => {
    const nodes = await startNodes({ count: 3 });
    // The start-up logins were published before anyone subscribed.
    const before = (await nodes[0]!.engine.control.readEvents(0, 1000)).length;
    // A reader on node 2 follows the stream while the load runs, as an integrator would.
    const followed: DomainEvent[] = [];
    let loading = true;
    const follow = (async () => {
      for (let cursor = 0; ; ) {
        const batch = await nodes[2]!.engine.control.readEvents(cursor, 7);
        followed.push(...batch);
        cursor = batch.at(-1)?.seq ?? cursor;
        if (!loading && batch.length === 0) return;
      }
    })();
    const ids = await startMany(nodes, 30);
    await Promise.all(
      ids.map((sessionId, i) => {
        const { service } = nodeFor(nodes, i + 1);
        if (i % 3 === 0) return service.sessionAccept({ sessionId });
        if (i % 3 === 1) return service.setSessionData({ sessionId, sessionData: `d${i}` });
        return service.closeSession({ sessionId });
      }),
    );
    await Promise.all(nodes.map((n) => n.clock.advance(newSessionTtlMs + 1)));
    loading = false;
    await follow;
    const events = await nodes[2]!.engine.control.readEvents(0, 100_000);
    assert.ok(events.length > 60, `a real load (${events.length} events)`);
    const seqs = events.map((e) => e.seq);
    assert.ok(
      seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] as number)),
      'strictly increasing, so unique',
    );
    // The follower missed nothing and saw nothing out of order.
    assert.deepEqual(followed, events);
    // Every stored event was published by exactly one node, with the same number.
    const key = (e: DomainEvent) => `${e.seq}:${e.type}:${e.sessionId ?? e.username}`;
    const published = nodes.flatMap((n) => n.published).sort((x, y) => x.seq - y.seq);
    assert.deepEqual(published.map(key), events.slice(before).map(key));
    // Per session, the stream is causal: started first, then its changes.
    for (const id of ids) {
      const own = events.filter((e) => e.sessionId === id);
      assert.equal(own[0]?.type, 'session.started');
    }
  });
});

describe('writes racing with routing on another node', () => {
  test('setSessionData answered SUCCESS is never overwritten by a concurrent booking', async () => {
    const nodes = await startNodes({
      config: demoContactCenter((cc) => {
        for (const agent of cc.agents) if (agent.username === 'bob') agent.capacity = 100;
      }),
    });
    const [a, b] = nodes as [Node, Node];
    await a.engine.control.logoutAgent('alice', 1003);
    await a.engine.control.logoutAgent('bob', 1003);
    const ids = await startMany(nodes, 40);
    for (const [i, sessionId] of ids.entries())
      assert.equal((await nodeFor(nodes, i).service.sessionAccept({ sessionId })).status, 'QUEUED');
    // Node A books all 40 to bob while node B sets data on each of them.
    const [, ...sets] = await Promise.all([
      a.engine.control.loginAgent('bob', 1003),
      ...ids.map((sessionId) => b.service.setSessionData({ sessionId, sessionData: `data of ${sessionId}` })),
    ]);
    assert.ok(sets.every((r) => r.result === 'SUCCESS'));
    const stored = await b.engine.control.listSessions({ username: 'bob' });
    assert.equal(stored.length, 40);
    const lost = stored.filter((s) => s.sessionData !== `data of ${s.id}`).map((s) => s.id);
    assert.deepEqual(lost, []);
  });
});
