export {
  createGateway,
  DEFAULT_GATEWAY_TIMEOUT_MS,
  type Gateway,
  type GatewayOptions,
  type UpstreamEvent,
} from './gateway.js';
export {
  type Exchange,
  MANIFEST_FILE,
  NO_SESSION_FILE,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordedError,
  type RecordingManifest,
  type SessionFile,
  sessionFileName,
  stableJson,
} from './recording/format.js';
export { createRecorder, type Recorder, type RecorderOptions } from './recording/recorder.js';
export {
  createReplay,
  loadRecording,
  type Recording,
  RecordingError,
  type Replay,
  ReplayMissError,
} from './recording/replay.js';
export {
  createUpstream,
  parseUpstream,
  UPSTREAM_ENV,
  type UpstreamClient,
  type UpstreamOptions,
  type UpstreamSpec,
  UpstreamSpecError,
} from './upstream.js';
export { upstreamFailure } from './upstream-fault.js';
export {
  createMemoryDeliveryStore,
  type DeliveryStore,
  type PendingDelivery,
} from './webhooks/delivery-store.js';
export {
  createPostgresDeliveryStore,
  type PgQueryable,
  type PostgresDeliveryStoreOptions,
} from './webhooks/postgres-delivery-store.js';
export { createPostgresWatchStore } from './webhooks/postgres-watch-store.js';
export type {
  DeliverySettings,
  ReceiverStats,
  WebhookReceiver,
} from './webhooks/receiver-queue.js';
export {
  createSessionWatcher,
  type SessionWatcher,
  type SessionWatcherOptions,
} from './webhooks/session-watcher.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  type VerifyOptions,
  verifyWebhook,
  WEBHOOK_HEADERS,
} from './webhooks/signature.js';
export { createSqliteDeliveryStore } from './webhooks/sqlite-delivery-store.js';
export {
  createMemoryWatchStore,
  createSqliteWatchStore,
  type WatchedSession,
  type WatchState,
  type WatchStore,
} from './webhooks/watch-store.js';
export {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './webhooks/webhook-dispatcher.js';
export {
  type EventSource,
  type EventStatus,
  type StreamEvent,
  toWebhookEvent,
  type WebhookEvent,
} from './webhooks/webhook-event.js';
