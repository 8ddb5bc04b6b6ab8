import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MccService } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { type PgCluster, startCluster } from '@mcc/store-postgres/testing';
import { Agent, request } from 'undici';
import { type Child, startChild } from './child.js';
import { type LoadResult, load } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = Math.max(2, Math.round(DURATION / 5));
const REST = '/mc/cxf/rest/json';

type Row = {
  case: string;
  store?: string;
  result: LoadResult | { callsPerSec: number };
  baseline?: string;
  ratio?: number;
};
const rows: Row[] = [];

async function measure(
  title: string,
  options: Omit<Parameters<typeof load>[0], 'title' | 'durationSec' | 'connections'>,
) {
  await load({ ...options, title: `${title} (warm-up)`, durationSec: WARMUP, connections: CONNECTIONS });
  return load({ ...options, title, durationSec: DURATION, connections: CONNECTIONS });
}

function soapEnvelope(namespace: string, operation: string, fields: Record<string, string>): string {
  const children = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${namespace}"><soap:Body><m:${operation}>${children}</m:${operation}></soap:Body></soap:Envelope>`;
}

const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };

/** Calls per second of `call`, `concurrency` loops each awaiting its previous call. */
async function throughput(title: string, concurrency: number, call: () => Promise<unknown>): Promise<number> {
  const run = async (seconds: number) => {
    const end = Date.now() + seconds * 1000;
    let count = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          await call();
          count++;
        }
      }),
    );
    return count / seconds;
  };
  process.stderr.write(`  ${title} (warm-up)\n`);
  await run(WARMUP);
  process.stderr.write(`  ${title}\n`);
  return run(DURATION);
}

async function mccCases(store: string, bareRps: number) {
  const mcc: Child<{ url: string; sessionId: string }> = await startChild('mcc-server', [store]);
  const { url, sessionId } = mcc.info;
  try {
    const wsdl = await (await fetch(`${url}/mc/cxf/soap?wsdl`)).text();
    const namespace = /targetNamespace="([^"]+)"/.exec(wsdl)?.[1] ?? '';
    const check = await measure(`REST checkSession [${store}]`, {
      url: `${url}${REST}/checkSession?sessionId=${sessionId}`,
    });
    rows.push({ case: 'REST checkSession', store, result: check, ratio: check.requestsPerSec / bareRps });
    const lifecycle = await measure(`REST start→accept→close [${store}]`, {
      url,
      requests: [
        {
          method: 'GET',
          path: `${REST}/startSession?channelId=1003&serviceid=SUPPORT`,
          onResponse: (_status: number, body: string, context: Record<string, unknown>) => {
            context.sessionId = JSON.parse(body).sessionId;
          },
        },
        {
          method: 'GET',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
            ...req,
            path: `${REST}/sessionAccept?sessionId=${context.sessionId}`,
          }),
        },
        {
          method: 'GET',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
            ...req,
            path: `${REST}/closeSession?sessionId=${context.sessionId}`,
          }),
        },
      ] as never,
    });
    rows.push({
      case: 'REST lifecycle (3 requests)',
      store,
      result: lifecycle,
      ratio: lifecycle.requestsPerSec / bareRps,
    });
    const soapCheck = await measure(`SOAP checkSessionState [${store}]`, {
      url: `${url}/mc/cxf/soap`,
      method: 'POST',
      headers: SOAP_HEADERS,
      body: soapEnvelope(namespace, 'checkSessionState', { sessionId }),
    });
    rows.push({
      case: 'SOAP checkSessionState',
      store,
      result: soapCheck,
      ratio: soapCheck.requestsPerSec / bareRps,
    });
    const soapLifecycle = await measure(`SOAP start→accept→close [${store}]`, {
      url: `${url}/mc/cxf/soap`,
      requests: [
        {
          method: 'POST',
          headers: SOAP_HEADERS,
          body: soapEnvelope(namespace, 'startSession', { channelId: '1003', serviceid: 'SUPPORT' }),
          onResponse: (_status: number, body: string, context: Record<string, unknown>) => {
            context.sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(body)?.[1];
          },
        },
        {
          method: 'POST',
          headers: SOAP_HEADERS,
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
            ...req,
            body: soapEnvelope(namespace, 'sessionAccept', { sessionId: String(context.sessionId) }),
          }),
        },
        {
          method: 'POST',
          headers: SOAP_HEADERS,
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({
            ...req,
            body: soapEnvelope(namespace, 'closeSession', { sessionId: String(context.sessionId) }),
          }),
        },
      ] as never,
    });
    rows.push({
      case: 'SOAP lifecycle (3 requests)',
      store,
      result: soapLifecycle,
      ratio: soapLifecycle.requestsPerSec / bareRps,
    });
    return { url, sessionId, checkRps: check.requestsPerSec, mcc };
  } catch (error) {
    await mcc.stop();
    throw error;
  }
}

async function main() {
  console.log(`mcc benchmark — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(
    `each case: ${WARMUP}s warm-up, ${DURATION}s measured, ${CONNECTIONS} connections (BENCH_DURATION, BENCH_CONNECTIONS)\n`,
  );
  const sample = JSON.stringify({ result: 'SUCCESS', sessionId: 'bench-seed', status: 'NEW' });
  const bare: Child<{ url: string }> = await startChild('bare-server', [sample]);
  const baseline = await measure('bare node:http JSON', { url: `${bare.info.url}/` });
  await bare.stop();
  rows.push({ case: 'baseline: bare node:http, same JSON', result: baseline, ratio: 1 });
  const bareRps = baseline.requestsPerSec;

  const memory = await mccCases('memory:', bareRps);
  await memory.mcc.stop();
  const sqlite = await mccCases(`sqlite:${mkdtempSync(join(tmpdir(), 'mcc-bench-'))}`, bareRps);
  await sqlite.mcc.stop();
  // PostgreSQL: DATABASE_URL, or a throwaway local cluster when the binaries are installed.
  let cluster: PgCluster | undefined;
  try {
    let pgUrl = process.env.DATABASE_URL;
    if (!pgUrl) {
      cluster = await startCluster();
      pgUrl = await cluster.createDatabase('bench');
    }
    const pg = await mccCases(pgUrl, bareRps);
    await pg.mcc.stop();
  } catch (error) {
    console.log(`PostgreSQL cases not run: ${(error as Error).message}`);
  } finally {
    await cluster?.destroy();
  }

  // Latency at half the top REST read rate, and clients against the same server.
  const server: Child<{ url: string; sessionId: string }> = await startChild('mcc-server', ['memory:']);
  try {
    const { url, sessionId } = server.info;
    // A fresh server: warm it up at the same rate first (JIT tiers, first old-space collection).
    await load({
      title: 'REST checkSession at half the top rate (warm-up)',
      url: `${url}${REST}/checkSession?sessionId=${sessionId}`,
      connections: CONNECTIONS,
      durationSec: WARMUP,
      overallRate: Math.round(memory.checkRps / 2),
    });
    const half = await load({
      title: 'REST checkSession at half the top rate',
      url: `${url}${REST}/checkSession?sessionId=${sessionId}`,
      connections: CONNECTIONS,
      durationSec: DURATION,
      overallRate: Math.round(memory.checkRps / 2),
    });
    rows.push({
      case: 'REST checkSession at ½ top rate (p99 target < 10 ms)',
      store: 'memory:',
      result: half,
    });
    const dispatcher = new Agent({ connections: 16 });
    const raw = await throughput('raw undici.request', 16, async () => {
      const r = await request(`${url}${REST}/checkSession?sessionId=${sessionId}`, { dispatcher });
      await r.body.json();
    });
    rows.push({ case: 'client: raw undici.request (16 loops)', result: { callsPerSec: raw }, ratio: 1 });
    const restClient: MccService = createRestClient({ baseUrl: `${url}${REST}`, dispatcher });
    const rest = await throughput('REST client', 16, () => restClient.checkSession({ sessionId }));
    rows.push({
      case: 'client: REST client (16 loops)',
      result: { callsPerSec: rest },
      baseline: 'raw undici',
      ratio: rest / raw,
    });
    const soapClient: MccService = createSoapClient({ endpoint: `${url}/mc/cxf/soap` }, { dispatcher });
    const soap = await throughput('SOAP client', 16, () => soapClient.checkSession({ sessionId }));
    rows.push({
      case: 'client: SOAP client (16 loops)',
      result: { callsPerSec: soap },
      baseline: 'REST client',
      ratio: soap / rest,
    });
    const rss =
      Number(
        /VmRSS:\s+(\d+)/.exec(
          await import('node:fs').then((fs) => fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8')),
        )?.[1] ?? 0,
      ) / 1024;
    await dispatcher.close();
    extra.rssAfterLoadMiB = Math.round(rss);
  } finally {
    await server.stop();
  }

  // Idle RSS and start-up time of the shipped server.
  const started = Date.now();
  const idle = spawn(
    process.execPath,
    [resolve(root, 'apps/playground/dist/main.js'), '--port', '0', '--store', 'memory:'],
    {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const idleUrl = await new Promise<string>((ok) => {
    let out = '';
    idle.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /MCC playground: (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1]) ok(m[1]);
    });
  });
  await (await fetch(`${idleUrl}${REST}/checkSession?sessionId=x`)).text();
  extra.startupMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  const { readFileSync } = await import('node:fs');
  extra.idleRssMiB = Math.round(
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${idle.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
  );
  idle.kill('SIGTERM');

  // Heap per open session.
  const probe = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', resolve(here, 'servers/heap-probe.ts'), '100000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const heap = await new Promise<{ bytesPerSession: number }>((ok) => {
    let out = '';
    probe.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) ok(JSON.parse(out));
    });
  });
  extra.heapBytesPerOpenSession = Math.round(heap.bytesPerSession);

  report(bareRps);
}

const extra: Record<string, number> = {};

function report(bareRps: number) {
  const fmt = (n: number, d = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log('\n| case | store | req/s or calls/s | ratio | p50 ms | p99 ms | errors |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const r = row.result;
    const rate = 'requestsPerSec' in r ? r.requestsPerSec : r.callsPerSec;
    const ratio =
      row.ratio === undefined ? '' : `${fmt(row.ratio, 2)}×${row.baseline ? ` ${row.baseline}` : ''}`;
    const lat = 'p50' in r ? [fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.errors + r.non2xx)] : ['', '', ''];
    console.log(`| ${row.case} | ${row.store ?? ''} | ${fmt(rate)} | ${ratio} | ${lat.join(' | ')} |`);
  }
  console.log(
    `\nheap per open session (100 000 open, memory store): ${fmt(extra.heapBytesPerOpenSession ?? 0)} bytes`,
  );
  console.log(
    `idle server RSS: ${extra.idleRssMiB} MiB; RSS after the load runs: ${extra.rssAfterLoadMiB} MiB`,
  );
  console.log(`start-up to first answer: ${extra.startupMs} ms (bare baseline ${fmt(bareRps)} req/s)`);
  const dir = resolve(here, '../results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, durationSec: DURATION, connections: CONNECTIONS, rows, extra }, null, 2)}\n`,
  );
  console.log(`\nwritten ${file}`);
}

if (process.argv.includes('--soak')) {
  // `pnpm bench --soak [--minutes N]`: the soak run instead of the benchmark (src/soak.ts).
  const { soak } = await import('./soak.js');
  process.exit((await soak()) ? 0 : 1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
