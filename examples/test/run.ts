import { execFile } from 'node:child_process';

/** Runs a command; rejects when it cannot start; answers its exit code and output otherwise. */
export function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...options, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`${file}: ${error.message}\n${stderr}`));
        else
          resolve({
            code: typeof error?.code === 'number' ? error.code : 0,
            stdout,
            output: `${stdout}\n${stderr}`,
          });
      },
    );
  });
}
