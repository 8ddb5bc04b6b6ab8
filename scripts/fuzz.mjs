#!/usr/bin/env node
// The long fuzz campaign (`pnpm fuzz`): only the fuzz test files of the two transports
// (test/fuzz-*.test.ts), each property with FUZZ_RUNS runs (default 10 000; CI runs the same files
// with their own bounded counts inside `pnpm test`). Extra arguments go to vitest, e.g.
// `pnpm fuzz -t SOAP`. A failure prints fast-check's seed and path; replay it with
// `FUZZ_SEED=<seed> FUZZ_PATH=<path> pnpm fuzz -t '<test name>'`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' };
console.log(`fuzz campaign: FUZZ_RUNS=${env.FUZZ_RUNS} per property`);
for (const dir of ['packages/rest-transport', 'packages/soap-transport']) {
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', 'test/fuzz-', ...process.argv.slice(2)], {
    cwd: `${root}${dir}`,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
