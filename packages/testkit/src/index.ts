export { type BlockingAnswer, blockingRequest } from './blocking-request.js';
export * as checks from './cases/helpers.js';
export { type LiveCase, liveCases } from './cli/live-cases.js';
export { type CliOutput, runCli } from './cli/run-cli.js';
export {
  type LiveCaseResult,
  type LiveEndpoint,
  type LiveReport,
  type LiveRunOptions,
  PROBE_SESSION_ID,
  runLiveConformance,
} from './cli/run-live.js';
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
export * from './fuzz/index.js';
export {
  createRecordingTarget,
  GATEWAY_MODULE,
  type RecordingTarget,
  type RecordingTargetOptions,
  type ReplayModule,
  recordingCapabilities,
} from './recording-target.js';
export { type StoreSuiteOptions, sessionRecord, storeConformance } from './store-conformance.js';
export {
  type ConformanceCase,
  type LiveMode,
  registerCases,
  type SuiteOptions,
  type TestFunction,
} from './suite.js';
export {
  allCapabilities,
  type Capabilities,
  createEngineTarget,
  type EngineTarget,
  type EngineTargetOptions,
  type MccTarget,
  type SessionSubject,
  type TargetOptions,
} from './target.js';
