// `pnpm bench`: every case of cases.ts loaded by wrk (its own process, see wrk/mcc.lua), each right
// after its baseline, several times; the server's CPU per request next to every throughput; the
// peers (fastify, node-soap) in the same run; then the PostgreSQL scale-out (postgres/scale-out.ts,
// unless BENCH_POSTGRES=0 or BENCH_CASES is set). Results and environment to bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCases, writeEnvelopes } from './cases.js';
import { measureClients } from './clients.js';
import { measureFootprint } from './footprint.js';
import { type Baselines, type MeasureSettings, measureCase, startServer } from './measure.js';
import { renderMarkdown } from './report.js';
import type { BenchResults, CaseResult } from './results.js';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const settings: MeasureSettings & { reps: number } = {
  reps: env('BENCH_REPS', 3),
  durationSec: env('BENCH_DURATION', 5),
  warmupSec: env('BENCH_WARMUP', 2),
  fixedSec: env('BENCH_FIXED_DURATION', 3),
  connections: env('BENCH_CONNECTIONS', 32),
  fixedRate: env('BENCH_FIXED_RATE', 2000),
  fixedConnections: env('BENCH_FIXED_CONNECTIONS', 4),
};
const only = process.env.BENCH_CASES?.split(',').filter(Boolean);

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '').trim() || 'unknown';
  }
}

async function main(): Promise<BenchResults> {
  const work = mkdtempSync(join(tmpdir(), 'mcc-bench-'));
  const files = writeEnvelopes(work);
  const cases = benchCases(join(work, 'sqlite')).filter(
    (c) => !only || c.kind === 'baseline' || only.includes(c.id),
  );
  const results: BenchResults = {
    at: new Date().toISOString(),
    commit: command('git', ['rev-parse', 'HEAD']),
    environment: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'cpu',
      cores: cpus().length,
      kernel: release(),
      wrk: command('wrk', ['--version']).split('\n')[0] ?? 'wrk',
      loadBefore: loadavg(),
    },
    settings,
    cases: cases.map(
      (c): CaseResult => ({
        id: c.id,
        title: c.title,
        kind: c.kind,
        ...(c.baseline ? { baseline: c.baseline } : {}),
        reps: [],
      }),
    ),
  };
  console.log(renderMarkdown(results).split('\n').slice(0, 2).join('\n'));
  const baselineCase = (id: string) => {
    const found = cases.find((c) => c.id === id);
    if (!found) throw new Error(`no baseline ${id}`);
    return found;
  };
  const baselines: Baselines = {
    'bare-get': { benchCase: baselineCase('bare-get'), server: await startServer(baselineCase('bare-get')) },
    'bare-soap': {
      benchCase: baselineCase('bare-soap'),
      server: await startServer(baselineCase('bare-soap')),
    },
  };
  try {
    for (let rep = 1; rep <= settings.reps; rep++) {
      process.stderr.write(`repetition ${rep} of ${settings.reps}\n`);
      for (const [index, benchCase] of cases.entries()) {
        const result = results.cases[index] as CaseResult;
        const base = benchCase.baseline ? baselines[benchCase.baseline] : undefined;
        const baseline = base ? await measureCase(base.benchCase, base.server, files, settings) : undefined;
        const own =
          benchCase.kind === 'baseline' ? baselines[benchCase.id as keyof Baselines]?.server : undefined;
        const server = own ?? (await startServer(benchCase));
        try {
          const run = await measureCase(benchCase, server, files, settings);
          result.reps.push({ run, ...(baseline ? { baseline } : {}) });
        } finally {
          if (!own) await server.stop();
        }
      }
    }
  } finally {
    await Promise.all(Object.values(baselines).map((b) => b.server.stop()));
  }
  if (!only) {
    const playground = await startServer(
      cases.find((c) => c.id === 'mcc-rest-check') ?? baselineCase('bare-get'),
    );
    try {
      process.stderr.write('  clients\n');
      results.clients = await measureClients(playground.info, settings.durationSec);
    } finally {
      await playground.stop();
    }
    process.stderr.write('  footprint\n');
    results.footprint = await measureFootprint();
    if (process.env.BENCH_POSTGRES !== '0') {
      process.stderr.write('  PostgreSQL scale-out (BENCH_POSTGRES=0 skips it)\n');
      try {
        results.postgres = scaleOut();
      } catch (error) {
        // Reported and failing the run, without losing the figures measured before it.
        results.postgresError = String((error as Error).message).slice(0, 2000);
      }
    }
  }
  return results;
}

/** `pnpm bench:postgres` (postgres/scale-out.ts; its nodes run the packages built above) in its own process: its Markdown report. */
function scaleOut(): string {
  return execFileSync(
    process.execPath,
    ['--conditions=mcc-source', '--import', 'tsx', resolve(here, 'postgres/scale-out.ts')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
}

if (process.argv.includes('--soak')) {
  // `pnpm bench --soak [--minutes N]`: the soak run instead of the benchmark (src/soak.ts).
  const { soak } = await import('./soak.js');
  process.exit((await soak()) ? 0 : 1);
}

main().then(
  (results) => {
    const markdown = renderMarkdown(results);
    console.log(`\n${markdown}`);
    const dir = resolve(here, '../results');
    mkdirSync(dir, { recursive: true });
    const name = results.at.replace(/[:.]/g, '-');
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`written bench/results/${name}.json (and latest.json)`);
    const failures =
      results.postgresError !== undefined ||
      results.cases.some((c) => c.reps.some((r) => r.run.full.bad + r.run.fixed.bad > 0));
    process.exit(failures ? 1 : 0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
