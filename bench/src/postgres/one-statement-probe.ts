// A probe of issue 18 (not a bench case; docs/benchmarks.md, PostgreSQL scale-out, round 5): what
// a start and a close would cost as ONE autocommit statement each — the fewest round trips any
// store design can have — against the store's own transactions, on the same database:
//   fn     the store's statements in one PL/pgSQL function per operation (one-statement-probe.sql);
//   apply  a generic executor: the transaction's store calls sent as one jsonb array of steps,
//          reads sent as expectations (what a node-local cache predicted) that raise MCC01;
//   store  pg-floor.ts's store baseline (the store's batched transactions, two round trips each).
// Usage: one-statement-probe.ts <postgres://…> fn|apply|store <data directory> [loops] [seconds]
// Prints the transactions per second and the node's and PostgreSQL's CPU µs per transaction.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionRow } from '@mcc/engine';
import { createPostgresStore } from '@mcc/store-postgres';
import { driveLoops, floorSession, type Transaction } from './floor-load.js';
import { runFloor } from './floor-run.js';
import { serverCpu, serverProcesses } from './postgres-cpu.js';

const here = dirname(fileURLToPath(import.meta.url));
const [, , url = '', mode = 'fn', dataDir = '', loopsArg = '32', secondsArg = '8'] = process.argv;
if (!url || !dataDir || !['fn', 'apply', 'store'].includes(mode))
  throw new Error(
    'usage: one-statement-probe.ts <postgres://…> fn|apply|store <data directory> [loops] [seconds]',
  );
const loops = Number(loopsArg);
const seconds = Number(secondsArg);
const postmaster = Number(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

if (mode === 'store') {
  let pids: number[] = [];
  let before = new Map<number, number>();
  let pgSec = 0;
  const r = await runFloor(url, 'store', loops, 10, seconds, (edge) => {
    if (edge === 'begin') {
      pids = serverProcesses(postmaster);
      before = serverCpu(pids);
    } else for (const [pid, s] of serverCpu(pids)) pgSec += s - (before.get(pid) ?? s);
  });
  console.log(
    JSON.stringify({
      mode,
      requests: r.requests,
      perSec: Math.round(r.requestsPerSec),
      nodeUs: Math.round(r.cpuUsPerRequest),
      pgUs: Math.round((pgSec * 1e6) / r.requests),
    }),
  );
  process.exit(0);
}

const store = await createPostgresStore({ connectionString: url });
await store.pool.query(readFileSync(resolve(here, 'one-statement-probe.sql'), 'utf8'));

let n = 0;
function pair(): Transaction[] {
  const id = `fn-${process.pid}-${n++}`;
  const now = Date.now();
  const created = floorSession(id, now);
  const event = (e: object) =>
    JSON.stringify({ at: now, sessionId: id, channelId: 1003, serviceCode: 'SUPPORT', ...e });
  return [
    async () => {
      const row = sessionRow(created);
      const steps =
        mode === 'apply'
          ? [
              ['s', 'channel:1003', null],
              ['s', 'service:SUPPORT', null],
              ['i', ...row],
              ['l', 1003, 10_000_000, id, 'public:licence:1003'],
              ['e', 0, event({ type: 'session.started', status: 'NEW' })],
            ]
          : undefined;
      const r = steps
        ? await store.pool.query({
            name: 'apply',
            text: 'SELECT mcc_apply($1::jsonb)::integer AS s',
            values: [JSON.stringify(steps)],
          })
        : await store.pool.query({
            name: 'fn_start',
            text: 'SELECT mcc_fn_start($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) AS s',
            values: [...row, 10_000_000, event({ type: 'session.started', status: 'NEW' })],
          });
      if (!(r.rows[0].s >= 0)) throw new Error(`start ${r.rows[0].s}`);
    },
    async () => {
      const at = Date.now();
      const closed = {
        ...created,
        status: 'CLOSED' as const,
        updatedAt: at,
        closedAt: at,
        timer: 'purge' as const,
        timerAt: at + 3_600_000,
      };
      const row = sessionRow(closed);
      const ev = event({ type: 'session.status', from: 'NEW', status: 'CLOSED' });
      const r =
        mode === 'apply'
          ? await store.pool.query({
              name: 'apply_close',
              text: 'SELECT mcc_apply($1::jsonb) IS NOT NULL AS ok',
              values: [
                JSON.stringify([
                  ['r', id, JSON.stringify(created)],
                  ['c', ...row],
                  ['e', 0, ev],
                ]),
              ],
            })
          : await store.pool.query({
              name: 'fn_close',
              text: 'SELECT mcc_fn_close($1,$2,$3,$4,$5,$6,$7) AS ok',
              values: [id, 'CLOSED', null, null, row[7], row[8], ev],
            });
      if (r.rows[0].ok !== true) throw new Error('close');
    },
  ];
}

let guarded = 0;
/** A failed expectation (SQLSTATE MCC01) is an answer, counted; any other error ends the probe. */
function guard(error: unknown): boolean {
  if ((error as { code?: string }).code !== 'MCC01') return false;
  guarded++;
  return true;
}
await driveLoops(loops, 2000, pair, guard);
const pids = serverProcesses(postmaster);
const pg0 = serverCpu(pids);
guarded = 0;
const cpu = process.cpuUsage();
const t0 = process.hrtime.bigint();
const requests = await driveLoops(loops, seconds * 1000, pair, guard);
const used = process.cpuUsage(cpu);
const pg1 = serverCpu(pids);
const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
let pgSec = 0;
for (const [pid, s] of pg1) pgSec += s - (pg0.get(pid) ?? s);
console.log(
  JSON.stringify({
    mode,
    requests,
    guarded,
    perSec: Math.round(requests / elapsed),
    nodeUs: Math.round((used.user + used.system) / requests),
    pgUs: Math.round((pgSec * 1e6) / requests),
  }),
);
await store.close();
