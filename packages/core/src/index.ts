export * from './auth/index.js';
export * from './client/index.js';
export { type Clock, systemClock, type TimerHandle } from './clock/clock.js';
export { VirtualClock } from './clock/virtual-clock.js';
export { demoConfig, demoConfigInput } from './config/demo.js';
export { isWithinOpeningHours, localTime } from './config/schedule.js';
export * from './config/schema.js';
export {
  type DispatchObserver,
  type DispatchRecord,
  dispatch,
  failed,
  faultResult,
  type Validation,
  validateRequest,
  withValidation,
} from './dispatch.js';
export type * from './engine/control.js';
export { createEngine, type Engine, type EngineOptions } from './engine/engine.js';
export type { DomainEvent, DomainEventInput, DomainEventType } from './engine/events.js';
export { type ChannelView, renderQueueMessage, serviceStateOf } from './engine/service-state.js';
export { isStoreError, MccError, type MccErrorCode } from './errors.js';
export * from './operations/index.js';
export {
  DropConnectionError,
  type ProtocolAnswer,
  ProtocolFault,
  protocolAnswer,
  ServerFaultError,
  ServiceUnavailableError,
} from './protocol-faults.js';
export type { CallOptions, MccService } from './service.js';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export type { CloseCause, SessionRecord, StoredStatus, TimerKind } from './store/session-record.js';
export { isOpen } from './store/session-record.js';
export type { SessionQuery, SessionStore, StoreReadTx, StoreTx } from './store/store.js';
export * from './wire/enums.js';
export { isBlank, type Param, type ParamKind, param } from './wire/params.js';
export { defineResult, type ResultSchemas } from './wire/result.js';
export { wireEnum, wireEnumDescriptions, wireEnumName } from './wire/wire-enum.js';
