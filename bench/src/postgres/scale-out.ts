// `pnpm bench:postgres`: PostgreSQL scale-out, measured honestly on a small machine. One and two
// playground nodes on one throwaway PostgreSQL cluster (loopback), wrk in its own process per node
// with the same total connections; per case: req/s, CPU per request of the nodes and of
// PostgreSQL, the share of lock waits among the nodes' busy backends (pg_stat_activity) and the
// machine's CPU steal. Every case runs BENCH_PG_REPEAT times, one and two nodes back to back in
// each round (the median run is reported, with the others' req/s), then the control: two nodes
// each on a database of its own, which share nothing but the machine, so that what two nodes cost
// each other on two cores is told apart from what sharing one database costs. Beside them, four
// baselines in their own process (pg-floor.ts): the engine without HTTP (also as two nodes behind
// a balancer, each session closed by the node that did not start it), the store's transactions
// without HTTP and engine, and bare transactions of two round trips.
//
// BENCH_PG_DURATION (s, default 10, at most 20), BENCH_PG_CONNECTIONS (total, default 32),
// BENCH_PG_POOL (PostgreSQL connections in all, default 10: one node's pool, split among two),
// BENCH_PG_NODES (default "1,2,2-apart"; "n-apart": n nodes, a database each), BENCH_PG_CASES
// (default "check,cycle"), BENCH_PG_REPEAT (default 3, at most 5), BENCH_PG_BASELINES (default
// "engine,crossing,store,bare"; empty for none). The nodes and the baselines run the packages as
// built (dist/, what users run; `pnpm bench:postgres` and `pnpm bench` build them first): run from
// the TypeScript sources through tsx, esbuild's `__name` helper (an Object.defineProperty per
// closure created) cost them ≈ 8 % more CPU.

import { readdirSync, readFileSync } from 'node:fs';
import { sampleLocks, startCluster } from '@mcc/store-postgres/testing';
import { type Child, startChild } from '../child.js';
import { type Load, runWrk, type WrkRun } from '../wrk.js';
import { connectionsPerNode } from './floor-load.js';
import { runFloor } from './floor-run.js';
import { cpuBetween, machineTicks, serverCpu, serverProcesses, stealBetween } from './postgres-cpu.js';

const REST = '/mc/cxf/rest/json';
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback) || fallback;
const durationSec = Math.min(20, num('BENCH_PG_DURATION', 10));
const connections = num('BENCH_PG_CONNECTIONS', 32);
/**
 * The setups, in the order each round runs them: `n` nodes on one database; `n-apart`, the control,
 * n nodes each on a database of its own in the same cluster (they share nothing but the machine).
 */
const setupSpecs = (process.env.BENCH_PG_NODES ?? '1,2,2-apart').split(',').map((token) => ({
  nodes: Number.parseInt(token, 10),
  apart: token.endsWith('-apart'),
}));
const caseIds = new Set((process.env.BENCH_PG_CASES ?? 'check,cycle').split(','));
const repeat = Math.max(1, Math.min(5, num('BENCH_PG_REPEAT', 3)));
/** PostgreSQL connections in all (each setup splits them among its nodes, as wrk's connections). */
const pool = num('BENCH_PG_POOL', 10);
const BASELINE_TITLES = {
  engine: 'baseline: the engine only (no HTTP)',
  crossing: 'baseline: the engine only, each session closed on the other node',
  store: 'baseline: the store only (no HTTP, no engine)',
  bare: 'baseline: bare transactions of two round trips',
} as const;
type Baseline = keyof typeof BASELINE_TITLES;
const BASELINES = Object.keys(BASELINE_TITLES) as Baseline[];
const baselines = (process.env.BENCH_PG_BASELINES ?? BASELINES.join(','))
  .split(',')
  .filter((m): m is Baseline => (BASELINES as readonly string[]).includes(m));

type Info = { url: string; sessionId: string };
/** Nodes started together, measured together; `url`: the (first) node's database. */
type Setup = { url: string; apart: boolean; nodes: Child<Info>[] };

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

/** One row of the report: one run of one case. */
interface Row {
  case: string;
  nodes: number;
  /** The control: each node on a database of its own. */
  apart: boolean;
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
  /** The machine's CPU time the hypervisor took during the run. */
  steal: number;
}

/**
 * Opens a measured window: PostgreSQL's CPU (its processes now), the machine's steal and the lock
 * samples, from now until `close()`.
 */
function openWindow(url: string, pids: number[]) {
  const abort = new AbortController();
  const sampling = sampleLocks(url, 20, abort.signal);
  const before = serverCpu(pids);
  const ticks = machineTicks();
  return {
    async close() {
      const steal = stealBetween(ticks, machineTicks());
      const pgCpuSec = cpuBetween(before, serverCpu(pids));
      abort.abort();
      return { steal, pgCpuSec, locks: await sampling };
    },
  };
}

/** The fields of a row the measured window gives, for `requests` requests. */
function windowFields(
  measured: Awaited<ReturnType<ReturnType<typeof openWindow>['close']>>,
  requests: number,
) {
  const { locks } = measured;
  return {
    postgresCpuUs: requests ? (measured.pgCpuSec * 1e6) / requests : 0,
    lockWaitShare: locks.share,
    busyBackends: locks.busy,
    lockWaits: locks.lockWaits,
    idleInTransaction: locks.idleInTransaction,
    lockKinds: locks.byKind,
    steal: measured.steal,
  };
}

async function measure(setup: Setup, c: (typeof cases)[number], pgPids: () => number[]) {
  const { nodes } = setup;
  const per = Math.max(1, Math.floor(connections / nodes.length));
  const load = (durationSec: number) =>
    Promise.all(
      nodes.map((n) =>
        runWrk(c.load(n.info), { serverPid: n.process.pid as number, connections: per, durationSec }),
      ),
    );
  // Warm-up: the pools open their connections, the JIT warms up.
  await load(2);
  // The sampler reads the whole cluster's pg_stat_activity: any of the setup's databases will do.
  const window = openWindow(setup.url, pgPids());
  const runs: WrkRun[] = await load(durationSec);
  const measured = await window.close();
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const nodeCpuSec = runs.reduce((sum, r) => sum + (r.serverCpuUsPerRequest * r.requests) / 1e6, 0);
  const row: Row = {
    case: c.title,
    nodes: nodes.length,
    apart: setup.apart,
    requestsPerSec: runs.reduce((sum, r) => sum + r.requestsPerSec, 0),
    bad: runs.reduce((sum, r) => sum + r.bad + r.socketErrors, 0),
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    nodeCpuUs: requests ? (nodeCpuSec * 1e6) / requests : 0,
    perNodeCpuUs: runs.map((r) => r.serverCpuUsPerRequest),
    ...windowFields(measured, requests),
  };
  return row;
}

/** One run of a baseline (pg-floor.ts, its own process), measured as a one-node case. */
async function measureFloor(mode: Baseline, url: string, pgPids: () => number[]): Promise<Row> {
  let window: ReturnType<typeof openWindow> | undefined;
  let measured: Promise<Awaited<ReturnType<ReturnType<typeof openWindow>['close']>>> | undefined;
  const run = await runFloor(url, mode, connections, pool, durationSec, (edge) => {
    if (edge === 'begin') window = openWindow(url, pgPids());
    else measured = window?.close();
  });
  if (!measured) throw new Error(`pg-floor.ts ${mode} reported no measured window`);
  return {
    case: BASELINE_TITLES[mode],
    nodes: 1,
    apart: false,
    requestsPerSec: run.requestsPerSec,
    bad: 0,
    p99Ms: 0,
    nodeCpuUs: run.cpuUsPerRequest,
    perNodeCpuUs: [run.cpuUsPerRequest],
    ...windowFields(await measured, run.requests),
  };
}

const fmt = (n: number, digits = 0) =>
  n
    .toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    .replace(/,/g, ' ');
const middle = <T>(values: readonly T[], by: (v: T) => number): T =>
  [...values].sort((a, b) => by(a) - by(b))[Math.floor((values.length - 1) / 2)] as T;

const cluster = await startCluster();
const rows: Row[] = [];
try {
  const postmaster = postmasterOn(cluster.port);
  const pgPids = () => serverProcesses(postmaster);
  const setups: Setup[] = [];
  try {
    for (const { nodes: count, apart } of setupSpecs) {
      const name = `mcc_scale_${count}${apart ? '_apart' : ''}`;
      const url = await cluster.createDatabase(name);
      const setup: Setup = { url, apart, nodes: [] };
      setups.push(setup);
      // One after the other: the first on a database applies the migrations.
      for (let i = 0; i < count; i++)
        setup.nodes.push(
          await startChild<Info>('../postgres/pg-node', [
            apart && i > 0 ? await cluster.createDatabase(`${name}_${i}`) : url,
            `n${count}${apart ? 'a' : ''}-${i}`,
            String(connectionsPerNode(pool, count)),
          ]),
        );
    }
    const floorUrls = new Map<string, string>();
    for (const mode of baselines) floorUrls.set(mode, await cluster.createDatabase(`mcc_floor_${mode}`));
    for (let round = 1; round <= repeat; round++) {
      for (const c of cases.filter((c) => caseIds.has(c.id)))
        for (const setup of setups) {
          const row = await measure(setup, c, pgPids);
          rows.push(row);
          process.stderr.write(`${JSON.stringify({ round, ...row })}\n`);
        }
      for (const mode of baselines) {
        const row = await measureFloor(mode, floorUrls.get(mode) as string, pgPids);
        rows.push(row);
        process.stderr.write(`${JSON.stringify({ round, ...row })}\n`);
      }
    }
  } finally {
    await Promise.all(setups.flatMap((s) => s.nodes.map((n) => n.stop())));
  }
} finally {
  await cluster.destroy();
}

const titles = [
  ...cases.filter((c) => caseIds.has(c.id)).map((c) => c.title),
  ...baselines.map((m) => BASELINE_TITLES[m]),
];
const runsOf = (title: string, nodes: number, apart = false) =>
  rows.filter((r) => r.case === title && r.nodes === nodes && r.apart === apart);
const lines = [
  `PostgreSQL scale-out: ${durationSec} s per run, ${repeat} run(s) per case (the median run shown, by req/s), ${connections} connections in all, ${pool} to PostgreSQL in all (split among the nodes), loopback`,
  '',
  '| case | nodes | req/s (every run) | node CPU µs/req (each node) | PostgreSQL CPU µs/req | node + PostgreSQL | lock waits / busy backends | idle in tx | steal | bad |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const title of titles)
  for (const { nodes, apart } of setupSpecs) {
    const runs = runsOf(title, nodes, apart);
    if (!runs.length) continue;
    const r = middle(runs, (x) => x.requestsPerSec);
    const kinds = Object.entries(r.lockKinds).map(([k, v]) => `${k} ${v}`);
    lines.push(
      `| ${r.case} | ${r.nodes}${apart ? ', a database each' : ''} | ${fmt(r.requestsPerSec)} (${runs.map((x) => fmt(x.requestsPerSec)).join(', ')}) | ${fmt(r.nodeCpuUs)} (${r.perNodeCpuUs.map((u) => fmt(u)).join(', ')}) | ${fmt(r.postgresCpuUs)} | ${fmt(r.nodeCpuUs + r.postgresCpuUs)} | ${fmt(r.lockWaitShare * 100, 1)} % (${fmt(r.lockWaits, 1)} of ${fmt(r.busyBackends, 1)}${kinds.length ? `; ${kinds.join(', ')}` : ''}) | ${fmt(r.idleInTransaction, 1)} | ${fmt(r.steal * 100)} % | ${runs.reduce((sum, x) => sum + x.bad, 0)} |`,
    );
  }
const cpu = (r: Row) => r.nodeCpuUs + r.postgresCpuUs;
/**
 * `value(b) ÷ value(a)` in each round (the runs of a round are back to back), and their median:
 * the ratios the report gives, so that two runs of different rounds are never compared.
 */
function roundRatios(a: readonly Row[], b: readonly Row[], value: (r: Row) => number) {
  const rounds = a.flatMap((x, i) => (b[i] ? [value(b[i]) / value(x)] : []));
  return { rounds, median: rounds.length ? middle(rounds, (x) => x) : Number.NaN };
}
const listed = (ratios: { rounds: number[] }) => ratios.rounds.map((x) => fmt(x, 2)).join(', ');
const comparisons = [
  { a: [1, false], b: [2, false], what: 'two nodes ÷ one node' },
  // The control: what two nodes cost each other on this machine when they share no data.
  { a: [1, false], b: [2, true], what: 'two nodes, a database each, ÷ one node' },
  // What sharing one database adds to two nodes, beyond what the machine does.
  { a: [2, true], b: [2, false], what: 'two nodes on one database ÷ two nodes, a database each' },
] as const;
for (const c of cases)
  for (const { a, b, what } of comparisons) {
    const [x, y] = [runsOf(c.title, a[0], a[1]), runsOf(c.title, b[0], b[1])];
    if (!x.length || !y.length) continue;
    const rate = roundRatios(x, y, (r) => r.requestsPerSec);
    const cpuRatio = roundRatios(x, y, cpu);
    lines.push(
      '',
      `${c.title}: ${what} = ${fmt(rate.median, 2)} (rounds: ${listed(rate)}); CPU per request (nodes + PostgreSQL) × ${fmt(cpuRatio.median, 2)} (${listed(cpuRatio)})`,
    );
  }
const cycle = runsOf('REST start → close', 1);
// The one-node case against each baseline of one node (crossing is two nodes' sessions: below).
for (const mode of baselines.filter((m) => m !== 'crossing')) {
  const floor = runsOf(BASELINE_TITLES[mode], 1);
  if (!cycle.length || !floor.length) continue;
  const ratio = roundRatios(floor, cycle, cpu);
  lines.push(
    '',
    `REST start → close, one node: CPU per request ÷ that of the ${BASELINE_TITLES[mode]} = ${fmt(ratio.median, 2)} (rounds: ${listed(ratio)})`,
  );
}
const [engineRuns, crossingRuns] = (['engine', 'crossing'] as const).map((m) =>
  runsOf(BASELINE_TITLES[m], 1),
);
if (engineRuns?.length && crossingRuns?.length) {
  const ratio = roundRatios(engineRuns, crossingRuns, cpu);
  lines.push(
    '',
    `Sessions crossing nodes (no HTTP): CPU per request ÷ that of sessions staying on their node = ${fmt(ratio.median, 2)} (rounds: ${listed(ratio)})`,
  );
}
lines.push('', ...targetLines());
process.stdout.write(`${lines.join('\n')}\n`);

/**
 * The targets of issue 18, judged on the median runs of start → close (two ÷ one on the rounds'
 * ratios): the issue's "now" figure
 * (1 076 req/s) is its own measurement; "CPU unchanged" is read as within 5 %.
 */
function targetLines(): string[] {
  const median = (title: string, nodes: number) => {
    const runs = runsOf(title, nodes);
    return runs.length ? middle(runs, (x) => x.requestsPerSec) : undefined;
  };
  const one = median('REST start → close', 1);
  const two = median('REST start → close', 2);
  if (!one) return [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  const out = ['| target (issue 18) | measured | target | |', '| --- | ---: | ---: | --- |'];
  const waits = [one, ...(two ? [two] : [])].map((r) => r.lockWaitShare);
  out.push(
    `| lock waits among busy backends, start → close | ${waits.map((w) => `${fmt(w * 100, 1)} %`).join(' / ')} | < 10 % (goal < 2 %) | ${
      waits.every((w) => w < 0.02) ? 'met, and the goal' : verdict(waits.every((w) => w < 0.1))
    } |`,
    `| CPU per start → close request, node + PostgreSQL | ${fmt(cpu(one))} µs | ≤ 500 µs (goal ≤ 250) | ${verdict(cpu(one) <= 500)} |`,
    `| start → close, one node | ${fmt(one.requestsPerSec)} req/s (${fmt(one.requestsPerSec / 1076, 2)}× the issue's 1 076) | ≥ 3× (goal ≥ 6×) | ${verdict(one.requestsPerSec >= 3 * 1076)} |`,
  );
  if (two) {
    // The medians of the rounds' ratios, as reported above.
    const [ones, twos] = [1, 2].map((n) => runsOf('REST start → close', n)) as [Row[], Row[]];
    const rate = roundRatios(ones, twos, (r) => r.requestsPerSec).median;
    const cpuRatio = roundRatios(ones, twos, cpu).median;
    out.push(
      `| two nodes ÷ one node, start → close | ${fmt(rate, 2)}, CPU per request × ${fmt(cpuRatio, 2)} | ≥ 1.0 with CPU unchanged (± 5 %) | ${
        rate >= 1 ? (cpuRatio <= 1.05 ? 'met' : 'rate met, CPU missed') : 'missed'
      } |`,
    );
    const apart = runsOf('REST start → close', 2, true);
    if (apart.length) {
      const shared = roundRatios(apart, twos, cpu).median;
      out.push(
        `| (the control, not a target) two nodes on one database ÷ two nodes, a database each | CPU per request × ${fmt(shared, 2)} | what sharing the database adds | ${
          shared <= 1.05 ? 'nothing beyond 5 %' : `+ ${fmt((shared - 1) * 100)} %`
        } |`,
      );
    }
  }
  return out;
}
