import { createEngineTarget, mccConformance, storeConformance } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

storeConformance({ describe, test, createStore: () => createSqliteStore({ directory: tempDir() }) });

mccConformance({
  describe,
  test,
  title: 'MCC conformance on SQLite',
  createTarget: (options) =>
    createEngineTarget({ ...options, store: createSqliteStore({ directory: tempDir() }) }),
});
