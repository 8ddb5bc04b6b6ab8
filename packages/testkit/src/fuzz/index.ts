export {
  corpusClasses,
  type HostileAnswer,
  type HostileCase,
  type HostileRunOptions,
  runHostileCorpus,
} from './hostile-corpus.js';
export { type BadIdentifier, badChannelIds, badIdentifiers, prototypeNames } from './hostile-values.js';
export { checkInvariants, type InvariantOptions } from './invariants.js';
export { findLeak, scrubLeakMarkers } from './leaks.js';
export { type RawHttpAnswer, sendRawHttp } from './raw-http.js';
export { restHostileCorpus } from './rest-corpus.js';
export {
  createFuzzScenario,
  type FuzzCall,
  type FuzzItem,
  type FuzzRound,
  type FuzzScenario,
  type FuzzSend,
  type FuzzStep,
  type FuzzStepKind,
  fuzzStepKinds,
  nastyStrings,
  playFuzzRound,
} from './scenario.js';
export { seededRandom } from './seeded-random.js';
export { type FuzzSettings, fastCheckParameters, fuzzSettings } from './settings.js';
export { soapEnvelope, soapHostileCorpus } from './soap-corpus.js';
export { serverOnlyFailReasons, type WatchedService, watchService } from './watch-service.js';
