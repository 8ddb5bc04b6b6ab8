import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** What one baseline run (pg-floor.ts) measured. */
export interface FloorRun {
  requests: number;
  requestsPerSec: number;
  /** The baseline process's own CPU per request. */
  cpuUsPerRequest: number;
}

/**
 * Runs pg-floor.ts in its own process; `window` is called when its measured window begins and
 * again when it ends (the caller reads PostgreSQL's CPU and the machine's steal around it).
 */
export function runFloor(
  url: string,
  mode: 'engine' | 'crossing' | 'store' | 'bare',
  loops: number,
  pool: number,
  durationSec: number,
  window: (edge: 'begin' | 'end') => void,
): Promise<FloorRun> {
  const child = spawn(
    process.execPath,
    // The packages as built (dist/, what users run), as the nodes: `pnpm bench:postgres` builds
    // them first. From the sources (tsx) every closure would also pay esbuild's `__name` helper.
    [
      '--import',
      'tsx',
      resolve(here, 'pg-floor.ts'),
      url,
      mode,
      String(loops),
      String(durationSec),
      String(pool),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    let buffer = '';
    let result: FloorRun | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, end)) as { measuring?: true } & Partial<FloorRun> & {
            seconds?: number;
          };
        buffer = buffer.slice(end + 1);
        if (line.measuring) window('begin');
        else {
          window('end');
          const requests = line.requests ?? 0;
          result = {
            requests,
            requestsPerSec: requests / (line.seconds ?? 1),
            cpuUsPerRequest: line.cpuUsPerRequest ?? 0,
          };
        }
      }
    });
    // Answered once the process has ended, so that the next run does not overlap its shutdown.
    child.once('exit', (code) => {
      if (code === 0 && result) ok(result);
      else fail(new Error(`pg-floor.ts ${mode} exited with ${code}`));
    });
  });
}
