import { describe, test } from 'vitest';
import { createEngineTarget, mccConformance } from '../src/index.js';

// The whole MCC conformance suite against the in-process reference engine on the memory store.
mccConformance({ describe, test, createTarget: (options) => createEngineTarget(options) });
