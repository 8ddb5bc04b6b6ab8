// `pnpm bench:postgres`: PostgreSQL scale-out, measured honestly on a small machine. One and two
// playground nodes on one throwaway PostgreSQL cluster (loopback), wrk in its own process per node
// with the same total connections; per case: req/s, CPU per request of the nodes and of
// PostgreSQL, and the share of lock waits among the nodes' busy backends (pg_stat_activity).
//
// BENCH_PG_DURATION (s, default 10, at most 20), BENCH_PG_CONNECTIONS (total, default 32),
// BENCH_PG_NODES (default "1,2"), BENCH_PG_CASES (default "check,cycle"). Runs from the TypeScript sources: no build needed.

import { readdirSync, readFileSync } from 'node:fs';
import { sampleLocks, startCluster } from '@mcc/store-postgres/testing';
import { type Child, startChild } from '../child.js';
import { type Load, runWrk, type WrkRun } from '../wrk.js';
import { cpuBetween, serverCpu, serverProcesses } from './postgres-cpu.js';

const REST = '/mc/cxf/rest/json';
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;
const durationSec = Math.min(20, num('BENCH_PG_DURATION', 10));
const connections = num('BENCH_PG_CONNECTIONS', 32);
const nodeCounts = (process.env.BENCH_PG_NODES ?? '1,2').split(',').map(Number);
const caseIds = new Set((process.env.BENCH_PG_CASES ?? 'check,cycle').split(','));

type Info = { url: string; sessionId: string };

const cases: Array<{ id: string; title: string; load: (info: Info) => Load }> = [
  {
    id: 'check',
    title: 'REST checkSession',
    load: (info) => ({
      url: `${info.url}${REST}/checkSession?sessionId=${info.sessionId}`,
      mode: 'get',
      expect: '"result":"SUCCESS"',
    }),
  },
  {
    id: 'cycle',
    title: 'REST start → close',
    load: (info) => ({
      url: info.url,
      mode: 'rest-cycle',
      expect: '"result":"SUCCESS"',
      args: [`${REST}/startSession?channelId=1003&serviceid=SUPPORT`, `${REST}/closeSession?sessionId=`],
    }),
  },
];

/** The postmaster of the cluster on `port`: the process started with `-p <port>`. */
function postmasterOn(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('postgres') && argv[argv.indexOf('-p') + 1] === String(port))
        return Number(entry);
    } catch {
      // gone
    }
  }
  throw new Error(`no postmaster on port ${port}`);
}

/** One row of the report. */
interface Row {
  case: string;
  nodes: number;
  requestsPerSec: number;
  bad: number;
  p99Ms: number;
  nodeCpuUs: number;
  perNodeCpuUs: number[];
  postgresCpuUs: number;
  lockWaitShare: number;
  busyBackends: number;
  lockWaits: number;
  idleInTransaction: number;
  lockKinds: Record<string, number>;
}

async function measure(nodes: Child<Info>[], c: (typeof cases)[number], pgPids: () => number[], url: string) {
  const per = Math.max(1, Math.floor(connections / nodes.length));
  // Warm-up: the pools open their connections, the JIT warms up.
  await Promise.all(
    nodes.map((n) =>
      runWrk(c.load(n.info), { serverPid: n.process.pid as number, connections: per, durationSec: 2 }),
    ),
  );
  const pids = pgPids();
  const abort = new AbortController();
  const sampling = sampleLocks(url, 20, abort.signal);
  const before = serverCpu(pids);
  const runs: WrkRun[] = await Promise.all(
    nodes.map((n) =>
      runWrk(c.load(n.info), { serverPid: n.process.pid as number, connections: per, durationSec }),
    ),
  );
  const pgCpu = cpuBetween(before, serverCpu(pids));
  abort.abort();
  const locks = await sampling;
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const nodeCpuSec = runs.reduce((sum, r) => sum + (r.serverCpuUsPerRequest * r.requests) / 1e6, 0);
  const row: Row = {
    case: c.title,
    nodes: nodes.length,
    requestsPerSec: runs.reduce((sum, r) => sum + r.requestsPerSec, 0),
    bad: runs.reduce((sum, r) => sum + r.bad + r.socketErrors, 0),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    nodeCpuUs: requests ? (nodeCpuSec * 1e6) / requests : 0,
    perNodeCpuUs: runs.map((r) => r.serverCpuUsPerRequest),
    postgresCpuUs: requests ? (pgCpu * 1e6) / requests : 0,
    lockWaitShare: locks.share,
    busyBackends: locks.busy,
    lockWaits: locks.lockWaits,
    idleInTransaction: locks.idleInTransaction,
    lockKinds: locks.byKind,
  };
  return row;
}

const fmt = (n: number, digits = 0) =>
  n
    .toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    .replace(/,/g, ' ');

const cluster = await startCluster();
const rows: Row[] = [];
try {
  const postmaster = postmasterOn(cluster.port);
  const pgPids = () => serverProcesses(postmaster);
  for (const count of nodeCounts) {
    const url = await cluster.createDatabase(`mcc_scale_${count}`);
    const nodes: Child<Info>[] = [];
    try {
      // One after the other: the first applies the migrations.
      for (let i = 0; i < count; i++)
        nodes.push(
          await startChild<Info>('../postgres/pg-node', [url, `n${i}`], {
            NODE_OPTIONS: '--conditions=mcc-source',
          }),
        );
      for (const c of cases.filter((c) => caseIds.has(c.id))) {
        const row = await measure(nodes, c, pgPids, url);
        rows.push(row);
        process.stderr.write(`${JSON.stringify(row)}\n`);
      }
    } finally {
      await Promise.all(nodes.map((n) => n.stop()));
    }
  }
} finally {
  await cluster.destroy();
}

const lines = [
  `PostgreSQL scale-out: ${durationSec} s per case, ${connections} connections in all, loopback`,
  '',
  '| case | nodes | req/s | node CPU µs/req (each node) | PostgreSQL CPU µs/req | lock waits / busy backends | idle in tx | bad |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.case} | ${r.nodes} | ${fmt(r.requestsPerSec)} | ${fmt(r.nodeCpuUs)} (${r.perNodeCpuUs.map((u) => fmt(u)).join(', ')}) | ${fmt(r.postgresCpuUs)} | ${fmt(r.lockWaitShare * 100, 1)} % (${fmt(r.lockWaits, 1)} of ${fmt(r.busyBackends, 1)}${
        Object.keys(r.lockKinds).length
          ? `; ${Object.entries(r.lockKinds)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''
      }) | ${fmt(r.idleInTransaction, 1)} | ${r.bad} |`,
  ),
];
for (const c of cases) {
  const [one, two] = [1, 2].map((n) => rows.find((r) => r.case === c.title && r.nodes === n));
  if (one && two)
    lines.push(
      '',
      `${c.title}: two nodes ÷ one node = ${fmt(two.requestsPerSec / one.requestsPerSec, 2)}; CPU per request (nodes + PostgreSQL) ${fmt(one.nodeCpuUs + one.postgresCpuUs)} µs → ${fmt(two.nodeCpuUs + two.postgresCpuUs)} µs`,
    );
}
process.stdout.write(`${lines.join('\n')}\n`);
