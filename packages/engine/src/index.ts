export { type Clock, systemClock, type TimerHandle } from './clock/clock.js';
export { VirtualClock } from './clock/virtual-clock.js';
export { demoConfig, demoConfigInput } from './config/demo.js';
export { isWithinOpeningHours, localTime } from './config/schedule.js';
export * from './config/schema.js';
export type * from './engine/control.js';
export { createEngine, type Engine, type EngineOptions } from './engine/engine.js';
export { type ChannelView, renderQueueMessage, serviceStateOf } from './engine/service-state.js';
export type { DomainEvent, DomainEventInput, DomainEventType } from './model/domain-event.js';
export type { CloseCause, SessionRecord, StoredStatus, TimerKind } from './model/session-record.js';
export { isOpen } from './model/session-record.js';
export { createMemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export {
  parseSessionRecord,
  SESSION_COLUMNS,
  type SqlPlaceholder,
  sessionQuerySql,
  sessionRow,
} from './store/sql-session.js';
export type { SessionQuery, SessionStore, StoreReadTx, StoreTx } from './store/store.js';
