import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The packaging suite (run by the root `pnpm test` after the build): the packed packages as a
 * registry would receive them, checked with publint and attw, published in a dry run, released
 * with changesets in a scratch copy, and installed into a consumer project outside the workspace.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.test.ts'],
    globalSetup: ['global-setup.ts'],
    // One file at a time: each one starts several processes (npm, tsc, attw) on a small machine.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // The JSON report feeds the closing "N passed, N failed" line of `pnpm test` (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
