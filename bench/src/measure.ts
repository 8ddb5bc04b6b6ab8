import type { BaselineId, BenchCase, EnvelopeFiles, ServerInfo } from './cases.js';
import { type Child, startChild } from './child.js';
import { runWrk, type WrkRun } from './wrk.js';

/** How long and how hard each run loads its server. */
export interface MeasureSettings {
  /** Seconds of the full-speed run. */
  durationSec: number;
  /** Seconds of full-speed load before it, not counted (JIT tiers, first collections). */
  warmupSec: number;
  /** Seconds of the fixed-rate run. */
  fixedSec: number;
  connections: number;
  /** Requests per second of the fixed-rate run (CPU per request at a load every case can carry). */
  fixedRate: number;
  /** Connections of the fixed-rate run. */
  fixedConnections: number;
}

/** One case measured once: at full speed and at the fixed rate. */
export interface CaseRun {
  full: WrkRun;
  fixed: WrkRun;
}

/** A started bench server. */
export type BenchServer = Child<ServerInfo>;

/** Starts a case's server in its own process. */
export function startServer(benchCase: BenchCase): Promise<BenchServer> {
  return startChild<ServerInfo>(benchCase.server, benchCase.serverArgs ?? []);
}

/** Warms `server` up, then measures it at full speed and at the fixed rate. */
export async function measureCase(
  benchCase: BenchCase,
  server: BenchServer,
  files: EnvelopeFiles,
  settings: MeasureSettings,
): Promise<CaseRun> {
  const load = benchCase.load(server.info, files);
  const pid = server.process.pid ?? 0;
  process.stderr.write(`  ${benchCase.title}\n`);
  await runWrk(load, { serverPid: pid, connections: settings.connections, durationSec: settings.warmupSec });
  const full = await runWrk(load, {
    serverPid: pid,
    connections: settings.connections,
    durationSec: settings.durationSec,
  });
  const fixed = await runWrk(load, {
    serverPid: pid,
    connections: settings.fixedConnections,
    durationSec: settings.fixedSec,
    delayMs: Math.max(1, Math.round((settings.fixedConnections * 1000) / settings.fixedRate)),
  });
  return { full, fixed };
}

/** The stateless baseline servers, started once and measured right before each case. */
export type Baselines = Record<BaselineId, { benchCase: BenchCase; server: BenchServer }>;
