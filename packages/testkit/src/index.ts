export * as checks from './cases/helpers.js';
export {
  type ConformanceGroup,
  type ConformanceOptions,
  conformanceGroups,
  mccConformance,
  mccConformanceGroup,
} from './conformance.js';
export { createFaultyStore, type StoreFaults } from './faulty-store.js';
export {
  demoConfig,
  demoConfigInput,
  demoContactCenter,
  type EditableConfig,
  serviceOf,
} from './fixtures.js';
export { type StoreSuiteOptions, sessionRecord, storeConformance } from './store-conformance.js';
export { type ConformanceCase, registerCases, type SuiteOptions, type TestFunction } from './suite.js';
export {
  allCapabilities,
  type Capabilities,
  createEngineTarget,
  type EngineTarget,
  type EngineTargetOptions,
  type MccTarget,
  type TargetOptions,
} from './target.js';
