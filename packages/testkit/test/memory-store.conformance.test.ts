import { createMemoryStore } from '@mcc/engine';
import { describe, test } from 'vitest';
import { storeConformance } from '../src/index.js';

storeConformance({ describe, test, createStore: () => createMemoryStore() });
