export { faultsCatalog } from './catalog.js';
export { SERVER_FAIL_REASONS, serverFailReasons } from './fail-reasons.js';
export { createFaultInjector, type FaultInjector, type InjectedFault } from './injector.js';
export {
  FAULT_KINDS,
  type FaultIssue,
  type FaultKind,
  type FaultSettings,
  FaultSettingsSchema,
  FaultsConfigError,
  MAX_LATENCY_MS,
  type OperationFaultSettings,
  parseFaultSettings,
  parseOperationFaults,
} from './schema.js';
