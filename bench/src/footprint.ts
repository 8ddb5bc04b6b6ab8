import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssMiB } from './cpu.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/** What the shipped server costs before any load. */
export interface Footprint {
  startupMs: number;
  idleRssMiB: number;
  heapBytesPerOpenSession: number;
}

/** Start-up time to the first answer and idle RSS of the built playground; heap per open session. */
export async function measureFootprint(): Promise<Footprint> {
  const started = Date.now();
  const idle = spawn(
    process.execPath,
    [resolve(root, 'apps/playground/dist/main.js'), '--port', '0', '--store', 'memory:'],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((ok) => {
      let out = '';
      idle.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /MCC playground: (http:\/\/[^/\s]+)\//.exec(out);
        if (m?.[1]) ok(m[1]);
      });
    });
    await (await fetch(`${url}/mc/cxf/rest/json/checkSession?sessionId=x`)).text();
    const startupMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const idleRssMiB = rssMiB(idle.pid ?? 0);
    const heap = await heapPerSession();
    return { startupMs, idleRssMiB, heapBytesPerOpenSession: heap };
  } finally {
    idle.kill('SIGTERM');
  }
}

/** Heap bytes per open session: 100 000 NEW sessions on the memory store (servers/heap-probe.ts). */
function heapPerSession(): Promise<number> {
  const probe = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', resolve(here, 'servers/heap-probe.ts'), '100000'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    let out = '';
    probe.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n'))
        ok(Math.round((JSON.parse(out) as { bytesPerSession: number }).bytesPerSession));
    });
    probe.once('exit', (code) => code !== 0 && fail(new Error(`heap probe exited with ${code}`)));
  });
}
