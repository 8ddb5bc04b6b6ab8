import type { ViteUserConfig } from 'vitest/config';

/**
 * Test settings every package shares: workspace packages resolve to their TypeScript
 * sources (the `source` export condition), so tests never need a prior build.
 */
export const sharedTestConfig: ViteUserConfig = {
  resolve: { conditions: ['mcc-source'] },
  ssr: { resolve: { conditions: ['mcc-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The JSON report feeds the closing "N passed, N failed" line of `pnpm test` (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
};
