import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const prismBin = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));

/** A running `prism proxy --errors`. */
export interface Prism {
  origin: string;
  process: ChildProcess;
  log: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism's validating proxy (`--errors`) for `document` in front of `upstream` on a free
 * loopback port; `validateRequests: false` validates the answers only.
 */
export async function startPrism(
  document: string,
  upstream: string,
  validateRequests: boolean,
): Promise<Prism> {
  const port = await freePort();
  const args = ['proxy', document, upstream, '--errors', `--validate-request=${validateRequests}`];
  const child = spawn(prismBin, [...args, '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'], {
    // Room for the 1 MiB URLs the server accepts (Node's default header limit is 16 KiB).
    env: { ...process.env, NODE_OPTIONS: '--max-http-header-size=4194304' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited ${child.exitCode}:\n${log.join('')}`);
    try {
      await fetch(`${origin}/`);
      return { origin, process: child, log };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill();
  throw new Error(`prism did not start within 60 s:\n${log.join('')}`);
}
