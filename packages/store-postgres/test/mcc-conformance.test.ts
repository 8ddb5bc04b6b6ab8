import { createEngineTarget, mccConformance } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { openStore } from './support/test-store.js';

// The whole MCC conformance suite: the reference engine over a PostgreSQL store per case.
mccConformance({
  describe,
  test,
  title: 'MCC conformance on PostgreSQL',
  createTarget: async (options) => createEngineTarget({ store: await openStore(), ...options }),
});
