// The soak run: mixed REST and SOAP load against the playground server for a long time, then two
// verdicts — zero failed requests, and memory flat after warm-up.
//
//   pnpm bench:soak                      10 minutes on a fresh SQLite store
//   pnpm bench --soak --minutes 1        the same through the bench entry point
//   SOAK_MINUTES=30 SOAK_STORE=memory: pnpm bench:soak
//
// Load: SOAK_CONNECTIONS closed loops (default 16). Each iteration is, with probability
// SOAK_WRITE_SHARE (default 0.2), a start → accept → close cycle, otherwise one checkSession of
// a session from a pool of open ones; REST or SOAP is drawn per iteration. One read in fifty asks
// for an unknown session on purpose.
// Failed request: a network error or timeout, a non-2xx status, an answer that is not a result, or
// a FAILED result other than the expected one (INVALID_SESSION_ID for the unknown-session probes).
// Memory: the server samples its RSS and live heap (after a full GC) every SOAK_SAMPLE_MS (5 s);
// samples in the warm-up (20 % of the run, at least 15 s) are ignored; the slope is a least-squares
// fit in MiB per minute. Flat: live-heap slope ≤ SOAK_MAX_HEAP_SLOPE (1 MiB/min) — the leak
// signal — and RSS at the end at most SOAK_MAX_RSS_GROWTH MiB (default 16, or 10 % if more)
// above the first sample after warm-up (RSS moves with the allocator and SQLite's page cache, so
// its slope over a short window is noise; it is printed, not judged).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { type Child, startChild } from './child.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at < 0 ? undefined : args[at + 1];
};
const MINUTES = Number(option('minutes') ?? process.env.SOAK_MINUTES ?? 10);
const STORE =
  option('store') ?? process.env.SOAK_STORE ?? `sqlite:${mkdtempSync(join(tmpdir(), 'mcc-soak-'))}`;
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const WRITE_SHARE = Number(process.env.SOAK_WRITE_SHARE ?? 0.2);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_MS ?? 5000);
const MAX_HEAP_SLOPE = Number(process.env.SOAK_MAX_HEAP_SLOPE ?? 1);
const MAX_RSS_GROWTH = Number(process.env.SOAK_MAX_RSS_GROWTH ?? 16);
const DURATION_MS = MINUTES * 60_000;
const WARMUP_MS = Math.max(15_000, DURATION_MS * 0.2);
const POOL_SIZE = 50;
const TIMEOUT_MS = 10_000;
const REST = '/mc/cxf/rest/json';
const SOAP = '/mc/cxf/soap';
const NAMESPACE = 'http://mcc.tvox/';
const MiB = 1024 * 1024;

type Protocol = 'REST' | 'SOAP';
type Operation = 'startSession' | 'sessionAccept' | 'checkSession' | 'closeSession';
interface Result {
  result?: string;
  failReason?: string;
  sessionId?: string;
}
interface Sample {
  at: number;
  rss: number;
  heapUsed: number;
}

const SOAP_NAMES: Record<Operation, string> = {
  startSession: 'startSession',
  sessionAccept: 'sessionAccept',
  checkSession: 'checkSessionState',
  closeSession: 'closeSession',
};

const counts = { requests: 0, REST: 0, SOAP: 0, expected: 0 };
const failures = new Map<string, number>();
const latencyBuckets = new Uint32Array(10_001); // 0.1 ms buckets up to 1 s, then one overflow bucket
const samples: Sample[] = [];

function fail(kind: string): undefined {
  failures.set(kind, (failures.get(kind) ?? 0) + 1);
  return undefined;
}

function envelope(operation: Operation, fields: Record<string, string>): string {
  const name = SOAP_NAMES[operation];
  const children = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${NAMESPACE}"><soap:Body><m:${name}>${children}</m:${name}></soap:Body></soap:Envelope>`;
}

function readSoap(text: string): Result {
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
  const out: Result = {};
  for (const name of ['result', 'failReason', 'sessionId'] as const) {
    const value = field(name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * One MCC call over `protocol`; returns its result, or undefined after counting a failure.
 * `expected` is the one fail reason this call may answer without counting as failed.
 */
async function call(
  dispatcher: Agent,
  url: string,
  protocol: Protocol,
  operation: Operation,
  fields: Record<string, string>,
  expected?: string,
): Promise<Result | undefined> {
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const response =
      protocol === 'REST'
        ? await request(`${url}${REST}/${operation}?${new URLSearchParams(fields)}`, { dispatcher })
        : await request(`${url}${SOAP}`, {
            dispatcher,
            method: 'POST',
            headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${SOAP_NAMES[operation]}"` },
            body: envelope(operation, fields),
          });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    return fail(`${protocol} ${operation}: network (${(error as Error).message})`);
  }
  const ms = performance.now() - started;
  latencyBuckets[Math.min(10_000, Math.floor(ms * 10))]!++;
  counts.requests++;
  counts[protocol]++;
  if (status < 200 || status >= 300) return fail(`${protocol} ${operation}: HTTP ${status}`);
  let result: Result;
  try {
    result = protocol === 'REST' ? (JSON.parse(text) as Result) : readSoap(text);
  } catch {
    return fail(`${protocol} ${operation}: not JSON`);
  }
  if (result.result === 'SUCCESS') return result;
  if (result.result === 'FAILED' && result.failReason === expected) {
    counts.expected++;
    return result;
  }
  return fail(`${protocol} ${operation}: ${result.result ?? 'no result'} ${result.failReason ?? ''}`.trim());
}

function percentile(p: number): number {
  const total = latencyBuckets.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let i = 0; i < latencyBuckets.length; i++) {
    seen += latencyBuckets[i]!;
    if (seen >= total * p) return i / 10;
  }
  return Number.NaN;
}

/** Least-squares slope of `value` over time, in MiB per minute. */
function slope(points: Sample[], value: (s: Sample) => number): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const xs = points.map((s) => (s.at - points[0]!.at) / 60_000);
  const ys = points.map((s) => value(s) / MiB);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1);

export async function soak(): Promise<boolean> {
  console.log(
    `mcc soak — ${MINUTES} min on ${STORE}, ${CONNECTIONS} connections, ${Math.round(WRITE_SHARE * 100)} % start→accept→close cycles, ` +
      `REST and SOAP drawn per iteration; warm-up ${Math.round(WARMUP_MS / 1000)} s; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
  const server: Child<{ url: string }> = await startChild('soak-server', [STORE, String(SAMPLE_MS)]);
  const { url } = server.info;
  const dispatcher = new Agent({
    connections: CONNECTIONS,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  const started = Date.now();
  let lastCount = 0;
  let lastAt = started;
  let pending = '';
  server.process.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const sample = JSON.parse(line) as Partial<Sample>;
      if (sample.heapUsed === undefined || sample.at === undefined || sample.rss === undefined) continue;
      samples.push(sample as Sample);
      const rate = ((counts.requests - lastCount) * 1000) / Math.max(1, sample.at - lastAt);
      lastCount = counts.requests;
      lastAt = sample.at;
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      const warm = sample.at - started < WARMUP_MS ? ' (warm-up)' : '';
      process.stderr.write(
        `  ${String(Math.round((sample.at - started) / 1000)).padStart(5)} s  rss ${mib(sample.rss).padStart(6)} MiB  heap ${mib(sample.heapUsed).padStart(6)} MiB  ${Math.round(rate).toString().padStart(6)} req/s  failed ${failed}${warm}\n`,
      );
    }
  });

  try {
    const pool: string[] = [];
    for (let i = 0; i < POOL_SIZE; i++) {
      const start = await call(dispatcher, url, 'REST', 'startSession', {
        channelId: '1003',
        serviceid: 'SUPPORT',
      });
      if (!start?.sessionId) throw new Error('cannot start the pool of sessions to read');
      await call(dispatcher, url, 'REST', 'sessionAccept', { sessionId: start.sessionId });
      pool.push(start.sessionId);
    }
    const end = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          const protocol: Protocol = Math.random() < 0.5 ? 'REST' : 'SOAP';
          if (Math.random() < WRITE_SHARE) {
            const start = await call(dispatcher, url, protocol, 'startSession', {
              channelId: '1003',
              serviceid: 'SUPPORT',
            });
            if (!start?.sessionId) continue;
            await call(dispatcher, url, protocol, 'sessionAccept', { sessionId: start.sessionId });
            await call(dispatcher, url, protocol, 'closeSession', { sessionId: start.sessionId });
          } else if (Math.random() < 0.02) {
            await call(
              dispatcher,
              url,
              protocol,
              'checkSession',
              { sessionId: `unknown-${Math.random()}` },
              'INVALID_SESSION_ID',
            );
          } else {
            const sessionId = pool[Math.floor(Math.random() * pool.length)]!;
            await call(dispatcher, url, protocol, 'checkSession', { sessionId });
          }
        }
      }),
    );
    // One more sample after the load, then stop.
    await new Promise((done) => setTimeout(done, SAMPLE_MS + 500));
  } finally {
    await dispatcher.close();
    await server.stop();
  }
  return report(started);
}

function report(started: number): boolean {
  const seconds = (Date.now() - started) / 1000;
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const steady = samples.filter((s) => s.at - started >= WARMUP_MS);
  const first = steady[0];
  const last = steady[steady.length - 1];
  const heapSlope = slope(steady, (s) => s.heapUsed);
  const rssSlope = slope(steady, (s) => s.rss);
  const enough = steady.length >= 3 && first !== undefined && last !== undefined;
  const rssLimit = first ? Math.max(MAX_RSS_GROWTH, (first.rss / MiB) * 0.1) : Number.NaN;
  const rssGrowth = first && last ? (last.rss - first.rss) / MiB : Number.NaN;
  const flat = enough && heapSlope <= MAX_HEAP_SLOPE && rssGrowth <= rssLimit;
  const pass = failed === 0 && flat;
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
  console.log(
    `\nrequests: ${counts.requests.toLocaleString('en-US')} in ${Math.round(seconds)} s (${Math.round(counts.requests / seconds).toLocaleString('en-US')} req/s; REST ${counts.REST.toLocaleString('en-US')}, SOAP ${counts.SOAP.toLocaleString('en-US')}); p50 ${percentile(0.5).toFixed(1)} ms, p99 ${percentile(0.99).toFixed(1)} ms`,
  );
  console.log(
    `failed requests: ${failed}${failed ? ` — ${[...failures].map(([k, v]) => `${v}× ${k}`).join('; ')}` : ''}; expected business failures: ${counts.expected} INVALID_SESSION_ID (unknown-session probes)`,
  );
  if (first && last) {
    console.log(
      `memory after warm-up (${steady.length} samples, live heap after GC): heap ${mib(first.heapUsed)} → ${mib(last.heapUsed)} MiB (slope ${sign(heapSlope)} MiB/min, limit ${MAX_HEAP_SLOPE}); ` +
        `RSS ${mib(first.rss)} → ${mib(last.rss)} MiB (${sign(rssGrowth)} MiB, limit +${rssLimit.toFixed(1)}; slope ${sign(rssSlope)} MiB/min)`,
    );
  } else {
    console.log('memory: no sample after the warm-up (run longer)');
  }
  console.log(
    `verdict: ${pass ? 'PASS' : 'FAIL'} — ${failed === 0 ? 'no failed request' : `${failed} failed requests`}, memory ${flat ? 'flat' : enough ? 'growing' : 'not measured (too few samples)'}`,
  );
  const dir = resolve(here, '../results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'soak-latest.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        at: new Date(started).toISOString(),
        node: process.version,
        cpus: cpus().length,
        minutes: MINUTES,
        store: STORE.startsWith('sqlite:') ? 'sqlite' : STORE.split(':')[0],
        connections: CONNECTIONS,
        writeShare: WRITE_SHARE,
        warmupSec: WARMUP_MS / 1000,
        counts,
        failed,
        failures: Object.fromEntries(failures),
        latencyMs: { p50: percentile(0.5), p99: percentile(0.99) },
        memory: {
          heapSlopeMiBPerMin: heapSlope,
          rssSlopeMiBPerMin: rssSlope,
          rssGrowthMiB: rssGrowth,
          first,
          last,
        },
        samples,
        verdict: pass ? 'PASS' : 'FAIL',
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written ${file}`);
  return pass;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  soak().then(
    (pass) => process.exit(pass ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
