// A baseline of the PostgreSQL scale-out bench, in its own process: the same concurrency as wrk
// (argv[4] loops) over argv[6] PostgreSQL connections in all (default 10, the store's default;
// split between the two stores of `crossing`), for argv[5] seconds after a 2 s warm-up, without
// HTTP. argv[2]: the database; argv[3]: the mode —
//   engine the engine on the PostgreSQL store, called directly: a start, then a close of the
//          session it opened (the contact center of pg-node.ts): what HTTP adds is the rest;
//   crossing two engines, each on its own store (two nodes, as behind a load balancer): each
//          session is closed by the node that did not start it, which never saw it — the loops
//          alternate which node starts;
//   store  the PostgreSQL store's own transactions, the calls the engine makes for a start (both
//          switches, the insert and the licence claim at once, then the event) and for a close
//          (the row, then the update that frees the licence, and the event): what the store and
//          the driver cost without HTTP and the engine;
//   bare   the store's `pg` pool, with transactions that do nothing but take their id, in two round trips
//          (`BEGIN; SELECT pg_current_xact_id()`, then `COMMIT`): what a transaction of two round
//          trips costs the driver and PostgreSQL on this machine, whatever it does.
// Each transaction counts as one request (a start or a close). Prints {"measuring": true} when the
// measured window begins, then {"requests", "seconds", "cpuUsPerRequest"} (its own CPU).

import { createEngine, type Engine } from '@mcc/engine';
import { createPostgresStore, type PostgresStore } from '@mcc/store-postgres';
import { benchContactCenter } from '../bench-contact-center.js';
import { connectionsPerNode, driveLoops, floorSession, type Transaction } from './floor-load.js';

const [, , url, mode, loopsArg = '32', secondsArg = '10', poolArg = '10'] = process.argv;
if (!url || (mode !== 'engine' && mode !== 'crossing' && mode !== 'store' && mode !== 'bare'))
  throw new Error(
    'usage: pg-floor.ts <postgres://…> engine|crossing|store|bare [loops] [seconds] [connections]',
  );
const loops = Number(loopsArg);
const seconds = Number(secondsArg);
const pool = Number(poolArg);

/** Start → close on `nodes` engines, each on its own store; a session is closed on the next node. */
async function engineTransactions(nodes: number): Promise<{ next(): Transaction[]; close(): Promise<void> }> {
  const stores: PostgresStore[] = [];
  const engines: Engine[] = [];
  // One after the other: the first applies the migrations.
  for (let i = 0; i < nodes; i++) {
    const store = await createPostgresStore({
      connectionString: url,
      maxConnections: connectionsPerNode(pool, nodes),
    });
    stores.push(store);
    engines.push(await createEngine({ store, config: benchContactCenter() }));
  }
  let turn = 0;
  return {
    next() {
      const starter = engines[turn++ % nodes] as Engine;
      const closer = engines[turn % nodes] as Engine;
      let id = '';
      return [
        async () => {
          const started = await starter.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
          if (started.result !== 'SUCCESS')
            throw new Error(`the baseline's start failed: ${JSON.stringify(started)}`);
          id = started.sessionId as string;
        },
        async () => {
          const closed = await closer.closeSession({ sessionId: id });
          if (closed.result !== 'SUCCESS')
            throw new Error(`the baseline's close failed: ${JSON.stringify(closed)}`);
        },
      ];
    },
    close: async () => {
      for (const engine of engines) await engine.close();
      for (const store of stores) await store.close();
    },
  };
}

async function storeTransactions(): Promise<{ next(): Transaction[]; close(): Promise<void> }> {
  const store = await createPostgresStore({ connectionString: url, maxConnections: pool });
  let n = 0;
  return {
    next() {
      const id = `floor-${process.pid}-${n++}`;
      const now = Date.now();
      const created = floorSession(id, now);
      const start = () =>
        store.transaction(async (tx) => {
          const [channel, service, inserted, licensed] = await Promise.all([
            tx.getState('channel:1003'),
            tx.getState('service:SUPPORT'),
            tx.insertSession(created),
            tx.claimLicence(1003, 10_000_000, id),
          ]);
          if (channel !== undefined || service !== undefined || !inserted || !licensed)
            throw new Error(`the floor's start failed: ${JSON.stringify({ inserted, licensed })}`);
          await tx.appendEvent({
            type: 'session.started',
            at: now,
            sessionId: id,
            channelId: 1003,
            serviceCode: 'SUPPORT',
            status: 'NEW',
          });
        });
      const close = () =>
        store.transaction(async (tx) => {
          const session = await tx.getSession(id);
          if (!session) throw new Error(`the floor's close found no session ${id}`);
          const at = Date.now();
          await tx.updateSession({
            ...session,
            status: 'CLOSED',
            updatedAt: at,
            closedAt: at,
            timer: 'purge',
            timerAt: at + 3_600_000,
          });
          await tx.appendEvent({
            type: 'session.status',
            at,
            sessionId: id,
            channelId: 1003,
            serviceCode: 'SUPPORT',
            from: 'NEW',
            status: 'CLOSED',
          });
        });
      return [start, close];
    },
    close: () => store.close(),
  };
}

async function bareTransactions(): Promise<{ next(): Transaction[]; close(): Promise<void> }> {
  // The store's own pool (its settings), used bare: nothing of the store runs.
  const store = await createPostgresStore({ connectionString: url, maxConnections: pool });
  const transaction = async () => {
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED;SELECT pg_current_xact_id()::text AS xid');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  return { next: () => [transaction], close: () => store.close() };
}

const source =
  mode === 'engine' || mode === 'crossing'
    ? await engineTransactions(mode === 'engine' ? 1 : 2)
    : mode === 'store'
      ? await storeTransactions()
      : await bareTransactions();
await driveLoops(loops, 2000, source.next);
process.stdout.write(`${JSON.stringify({ measuring: true })}\n`);
const cpu = process.cpuUsage();
const startedAt = process.hrtime.bigint();
const requests = await driveLoops(loops, seconds * 1000, source.next);
const used = process.cpuUsage(cpu);
const elapsed = Number(process.hrtime.bigint() - startedAt) / 1e9;
// Reported before the pool closes: the parent reads its backends' CPU while they still exist.
process.stdout.write(
  `${JSON.stringify({ requests, seconds: elapsed, cpuUsPerRequest: (used.user + used.system) / requests })}\n`,
);
await source.close();
