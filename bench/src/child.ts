import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A server process the harness started, and what it printed on its first line. */
export interface Child<T> {
  info: T;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `servers/<name>.ts` in its own process and waits for its JSON line. */
export function startChild<T>(
  name: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Child<T>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(here, 'servers', `${name}.ts`), ...args],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((ok, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) {
        ok({
          info: JSON.parse(line) as T,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        });
      }
    });
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code}`)));
  });
}
