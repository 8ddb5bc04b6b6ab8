import type { BenchResults, CaseResult } from './results.js';
import { median, spreadPercent } from './stats.js';

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** The median figures of one case over its repetitions. */
export interface CaseSummary {
  id: string;
  title: string;
  baseline?: string;
  rps: number;
  rpsSpread: number;
  ratio: number;
  ratioSpread: number;
  cpuFull: number;
  cpuFixed: number;
  fixedRps: number;
  p99FixedMs: number;
  serverCores: number;
  generatorCores: number;
  /** Wrong answers and socket errors over every run of the case. */
  failures: number;
}

/** Medians and spreads of a case. */
export function summarize(result: CaseResult): CaseSummary {
  const full = result.reps.map((r) => r.run.full);
  const fixed = result.reps.map((r) => r.run.fixed);
  const ratios = result.reps.map((r) =>
    r.baseline ? r.run.full.requestsPerSec / r.baseline.full.requestsPerSec : 1,
  );
  const failures = result.reps
    .flatMap((r) => [r.run.full, r.run.fixed])
    .reduce((sum, run) => sum + run.bad + run.socketErrors, 0);
  return {
    id: result.id,
    title: result.title,
    ...(result.baseline ? { baseline: result.baseline } : {}),
    rps: median(full.map((r) => r.requestsPerSec)),
    rpsSpread: spreadPercent(full.map((r) => r.requestsPerSec)),
    ratio: median(ratios),
    ratioSpread: spreadPercent(ratios),
    cpuFull: median(full.map((r) => r.serverCpuUsPerRequest)),
    cpuFixed: median(fixed.map((r) => r.serverCpuUsPerRequest)),
    fixedRps: median(fixed.map((r) => r.requestsPerSec)),
    p99FixedMs: median(fixed.map((r) => r.p99Ms)),
    serverCores: median(full.map((r) => r.serverCores)),
    generatorCores: Math.max(...full.map((r) => r.generatorCores)),
    failures,
  };
}

const verdict = (value: number, met: boolean) => (Number.isNaN(value) ? 'not run' : met ? 'met' : 'missed');

/** The targets of issue 17, each read off the summaries. */
export function targets(
  summaries: Map<string, CaseSummary>,
): { name: string; value: string; target: string; verdict: string }[] {
  const ratio = (id: string) => summaries.get(id)?.ratio ?? Number.NaN;
  const extras =
    (summaries.get('mcc-rest-check')?.cpuFixed ?? Number.NaN) -
    (summaries.get('mcc-handler-check')?.cpuFixed ?? Number.NaN);
  const rows = [
    { name: 'REST checkSession, playground, memory, × bare GET', v: ratio('mcc-rest-check'), min: 0.8 },
    {
      name: 'SOAP checkSessionState, playground, memory, × bare SOAP POST',
      v: ratio('mcc-soap-check'),
      min: 0.7,
    },
    { name: 'REST start → close, memory, × bare GET', v: ratio('mcc-rest-cycle'), min: 0.5 },
    { name: 'REST checkSession, SQLite, × bare GET', v: ratio('mcc-rest-check-sqlite'), min: 0.65 },
    { name: 'REST start → close, SQLite, × bare GET', v: ratio('mcc-rest-cycle-sqlite'), min: 0.25 },
  ].map((r) => ({
    name: r.name,
    value: fmt(r.v, 2),
    target: `≥ ${fmt(r.min, 2)}`,
    verdict: verdict(r.v, r.v >= r.min),
  }));
  rows.push({
    name: 'playground extras over the handler alone (CPU µs/req at the fixed rate)',
    value: fmt(extras, 1),
    target: '≤ 2.0',
    verdict: verdict(extras, extras <= 2),
  });
  return rows;
}

/** The results as Markdown: the case table, the targets, the clients, the footprint and the PostgreSQL scale-out. */
export function renderMarkdown(results: BenchResults): string {
  const s = results.settings;
  const env = results.environment;
  const summaries = new Map(results.cases.map((c) => [c.id, summarize(c)]));
  const lines = [
    `Run of ${results.at} at ${results.commit.slice(0, 10)}: ${env.cores} × ${env.cpu}, Node ${env.node}, ${env.wrk}, load average before ${env.loadBefore.map((l) => fmt(l, 2)).join(' ')}.`,
    `Each case ${s.reps}×: ${s.warmupSec} s warm-up, ${s.durationSec} s at full speed (wrk -t1 -c${s.connections}), ${s.fixedSec} s at ${fmt(s.fixedRate)} req/s (-c${s.fixedConnections}); its baseline measured right before it each time. Medians; ± is half the range over the repetitions.`,
    '',
    '| case | req/s | × baseline | CPU µs/req, full | CPU µs/req at fixed rate | p99 ms at fixed rate | server cores | wrk cores | wrong answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const x of summaries.values()) {
    const base = x.baseline ? `${fmt(x.ratio, 2)} ± ${fmt(x.ratioSpread, 0)} % (${x.baseline})` : '1.00';
    lines.push(
      `| ${x.title} | ${fmt(x.rps)} ± ${fmt(x.rpsSpread, 0)} % | ${base} | ${fmt(x.cpuFull, 1)} | ${fmt(x.cpuFixed, 1)} | ${fmt(x.p99FixedMs, 1)} | ${fmt(x.serverCores, 2)} | ${fmt(x.generatorCores, 2)} | ${fmt(x.failures)} |`,
    );
  }
  lines.push('', '| target (issue 17) | measured | target | |', '| --- | ---: | ---: | --- |');
  for (const t of targets(summaries)) lines.push(`| ${t.name} | ${t.value} | ${t.target} | ${t.verdict} |`);
  if (results.clients) {
    const c = results.clients;
    lines.push(
      '',
      `Clients (checkSession, 16 loops, in the harness's process against the playground): raw undici.request ${fmt(c.rawUndici)} calls/s; REST client ${fmt(c.restClient)} (${fmt(c.restClient / c.rawUndici, 2)}× raw undici); SOAP client ${fmt(c.soapClient)} (${fmt(c.soapClient / c.restClient, 2)}× the REST client).`,
    );
  }
  if (results.footprint) {
    const f = results.footprint;
    lines.push(
      `Footprint: start-up to the first answer ${fmt(f.startupMs)} ms; idle RSS ${fmt(f.idleRssMiB)} MiB; heap per open session ${fmt(f.heapBytesPerOpenSession)} B (100 000 open, memory store).`,
    );
  }
  if (results.postgres) lines.push('', results.postgres.trimEnd());
  if (results.postgresError) lines.push('', `PostgreSQL scale-out failed: ${results.postgresError}`);
  return `${lines.join('\n')}\n`;
}
