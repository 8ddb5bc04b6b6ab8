import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The architecture suite (run by the root `pnpm test`): the rules of docs/architecture.md that hold
 * for the whole repository — no source file over 400 lines, no import cycle inside a package, no
 * cycle between workspace packages.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.test.ts'],
    // The JSON report feeds the closing "N passed, N failed" line of `pnpm test` (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
