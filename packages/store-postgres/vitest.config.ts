import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig(
  mergeConfig(sharedTestConfig, {
    test: {
      // A throwaway PostgreSQL cluster for the whole run (or DATABASE_URL), see test/global-setup.ts.
      globalSetup: ['test/global-setup.ts'],
      setupFiles: ['test/setup-file.ts'],
    },
  }),
);
