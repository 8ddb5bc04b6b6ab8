import { storeConformance } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { openStore } from './support/test-store.js';

// The SessionStore suite against PostgreSQL, a fresh schema per case.
storeConformance({
  describe,
  test,
  createStore: () => openStore(),
  title: 'PostgreSQL SessionStore conformance',
});
