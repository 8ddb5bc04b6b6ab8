import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** What the `mcc-conformance` process did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mcc-conformance` as a child process, from its TypeScript source through tsx (the
 * `source` condition resolves the workspace packages to their sources, as the tests do).
 */
export function runCliProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=mcc-source', '--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: packageDir, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}
