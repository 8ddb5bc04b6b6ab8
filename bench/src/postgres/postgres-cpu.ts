import { readdirSync, readFileSync } from 'node:fs';
import { cpuSeconds } from '../cpu.js';

/** The parent pid of a process, from /proc/<pid>/stat (undefined once it is gone). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The postmaster `postmaster` and every process it started (backends, WAL writer, checkpointer…). */
export function serverProcesses(postmaster: number): number[] {
  if (parentOf(postmaster) === undefined) throw new Error(`no process ${postmaster}`);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && parentOf(pid) === postmaster) pids.push(pid);
  }
  return pids;
}

/**
 * CPU seconds used so far by the PostgreSQL server, per process. A process that ends between two
 * readings is left out of the difference (the bench keeps its pools open, so backends persist).
 */
export function serverCpu(pids: readonly number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      used.set(pid, cpuSeconds(pid));
    } catch {
      // gone
    }
  }
  return used;
}

/** CPU seconds between two {@link serverCpu} readings, over the processes present in both. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, end] of after) {
    const start = before.get(pid);
    if (start !== undefined) total += end - start;
  }
  return total;
}

/** The machine's CPU time counters (`/proc/stat`, all cores): total ticks and stolen ticks. */
export function machineTicks(): { total: number; steal: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const first8 = fields.slice(0, 8);
  return { total: first8.reduce((sum, n) => sum + n, 0), steal: first8[7] ?? 0 };
}

/**
 * The share of the machine's CPU time the hypervisor took (steal) between two readings: a
 * virtual machine's neighbours. Figures taken with a large share are slower and noisier.
 */
export function stealBetween(
  before: ReturnType<typeof machineTicks>,
  after: ReturnType<typeof machineTicks>,
): number {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}
