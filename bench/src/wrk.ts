import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds } from './cpu.js';

const script = resolve(dirname(fileURLToPath(import.meta.url)), 'wrk/mcc.lua');

/** One kind of load: what wrk sends and what every answer must contain (see wrk/mcc.lua). */
export interface Load {
  /** Full URL wrk connects to (and, for get/post, requests). */
  url: string;
  mode: 'get' | 'post' | 'rest-cycle' | 'soap-cycle';
  /** Text every answer must contain. */
  expect: string;
  /** The mode's own arguments (body file, paths, templates). */
  args?: string[];
}

/** What one wrk run measured, with the server's CPU over the run. */
export interface WrkRun {
  requests: number;
  requestsPerSec: number;
  /** Answers without the expected text or with another status than 200. */
  bad: number;
  socketErrors: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU per request, µs (user + system of the server process over the run). */
  serverCpuUsPerRequest: number;
  /** Server CPU use over the run, in cores (1 = one core busy all the time). */
  serverCores: number;
  /** wrk's own CPU use over the run, in cores: near 1 with one thread means wrk was the limit. */
  generatorCores: number;
}

/** Options of one wrk run. */
export interface WrkOptions {
  /** The server process whose CPU is measured. */
  serverPid: number;
  connections: number;
  durationSec: number;
  /** Pause before each request of a connection, ms (0: full speed). */
  delayMs?: number;
  threads?: number;
}

/** Runs wrk (its own process) with `load`, and measures the server's CPU around it. */
export async function runWrk(load: Load, options: WrkOptions): Promise<WrkRun> {
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.durationSec}s`,
    '--timeout',
    '5s',
    '-s',
    script,
    load.url,
    '--',
    load.mode,
    load.expect,
    String(options.delayMs ?? 0),
    ...(load.args ?? []),
  ];
  const cpuBefore = cpuSeconds(options.serverPid);
  const startedAt = process.hrtime.bigint();
  const output = await new Promise<string>((ok, fail) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new Error('wrk is not installed: `bash scripts/setup-system.sh` installs it (Debian package wrk)')
          : error,
      ),
    );
    child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`wrk exited with ${code}: ${err}`))));
  });
  const wallSec = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const cpu = cpuSeconds(options.serverPid) - cpuBefore;
  const line = output.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`wrk printed no result line:\n${output}`);
  const r = JSON.parse(line.slice(6)) as {
    requests: number;
    durationUs: number;
    bad: number;
    socketErrors: number;
    p50Us: number;
    p99Us: number;
    generatorCpuSec: number;
  };
  const seconds = r.durationUs / 1e6;
  return {
    requests: r.requests,
    requestsPerSec: r.requests / seconds,
    bad: r.bad,
    socketErrors: r.socketErrors,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    serverCpuUsPerRequest: r.requests > 0 ? (cpu * 1e6) / r.requests : 0,
    serverCores: cpu / wallSec,
    generatorCores: r.generatorCpuSec / seconds,
  };
}
