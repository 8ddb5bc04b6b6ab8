import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/run-cli.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** What one `mcc` run did. */
export interface MccRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mcc` in this process (the same `runCli` the executable calls). */
export async function mcc(args: readonly string[], env: Record<string, string> = {}): Promise<MccRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, env, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/**
 * Runs the `mcc` executable as a child process, from its TypeScript source through tsx (the
 * `mcc-source` condition resolves the workspace packages to their sources, as the tests do).
 */
export function mccProcess(args: readonly string[], env: Record<string, string> = {}): Promise<MccRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=mcc-source', '--import', 'tsx', 'src/main.ts', ...args],
      { cwd: packageDir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}
