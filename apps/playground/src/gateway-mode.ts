import { dirname, join } from 'node:path';
import type { MccService } from '@mcc/core';
import type { Engine, SessionStore } from '@mcc/engine';
import {
  createGateway,
  createMemoryDeliveryStore,
  createMemoryWatchStore,
  createPostgresDeliveryStore,
  createPostgresWatchStore,
  createRecorder,
  createReplay,
  createSessionWatcher,
  createSqliteDeliveryStore,
  createSqliteWatchStore,
  createUpstream,
  createWebhookDispatcher,
  type DeliveryStore,
  type EventSource,
  loadRecording,
  parseUpstream,
  type SessionWatcher,
  type UpstreamEvent,
  type WatchStore,
  type WebhookDispatcher,
  type WebhookReceiver,
} from '@mcc/gateway';

/** How long shutdown waits for queued webhook deliveries before closing (ms). */
const SHUTDOWN_DRAIN_MS = 2000;

/** What the playground serves instead of, or in front of, the simulator (docs/gateway.md). */
export interface GatewayModeOptions {
  /** `rest:<base URL>` or `soap:<WSDL URL>` of a real MCC to serve instead of the simulator. */
  upstream?: string;
  /** Record every exchange with the upstream into this new or empty directory (needs `upstream`). */
  record?: string;
  /** Answer from this recording instead of the simulator. */
  replay?: string;
  /** Deadline of each upstream call in ms, retries included. Default 10 000. */
  upstreamTimeoutMs?: number;
  /** Receivers of signed session status changes. */
  webhooks?: readonly WebhookReceiver[];
}

/** The MCC the servers serve, and what runs around it. */
export interface MccBackend {
  mode: 'simulator' | 'gateway' | 'replay';
  service: MccService;
  /** Present when webhooks are configured. */
  webhooks?: WebhookDispatcher;
  close(): Promise<void>;
}

/** Dependencies of {@link openMccBackend}. */
export interface BackendContext {
  engine: Engine;
  store: SessionStore;
  /** Where the upstream's credentials are read. */
  env: Record<string, string | undefined>;
  onUpstream?: (event: UpstreamEvent) => void;
  onError?: (error: unknown) => void;
}

/** The directory of a SQLite store, where the webhook state files go beside it. */
function sqliteDirectory(store: SessionStore): string | undefined {
  return (store as { kind?: string }).kind === 'sqlite'
    ? dirname((store as unknown as { path: string }).path)
    : undefined;
}

/** The store's `pg` pool, when it is the PostgreSQL store. */
function postgresPool(store: SessionStore): never | undefined {
  return (store as { kind?: string }).kind === 'postgres'
    ? (store as unknown as { pool: never }).pool
    : undefined;
}

/** Delivery state beside the simulator's store: its SQLite directory, its PostgreSQL database, or memory. */
async function deliveryStoreFor(store: SessionStore): Promise<DeliveryStore> {
  const directory = sqliteDirectory(store);
  if (directory) return createSqliteDeliveryStore(join(directory, 'webhooks.sqlite'));
  const pool = postgresPool(store);
  return pool ? createPostgresDeliveryStore(pool) : createMemoryDeliveryStore();
}

/** The gateway watcher's stream, where the delivery state is: SQLite, PostgreSQL or memory. */
async function watchStoreFor(store: SessionStore): Promise<WatchStore> {
  const directory = sqliteDirectory(store);
  if (directory) return createSqliteWatchStore(join(directory, 'watch.sqlite'));
  const pool = postgresPool(store);
  return pool ? createPostgresWatchStore(pool) : createMemoryWatchStore();
}

/**
 * Opens what the playground serves: the simulator (default), a gateway in front of `upstream`
 * (optionally recording), or a replay of a recording; with webhooks, the dispatcher over the
 * simulator's event stream or, in front of a real MCC, over a session watcher.
 */
export async function openMccBackend(
  options: GatewayModeOptions,
  context: BackendContext,
): Promise<MccBackend> {
  if (options.upstream && options.replay) throw new Error('--upstream and --replay exclude each other');
  if (options.record && !options.upstream) throw new Error('--record needs --upstream (what to record)');
  const timeoutMs = options.upstreamTimeoutMs;
  const closers: Array<() => Promise<void> | void> = [];
  let mode: MccBackend['mode'] = 'simulator';
  let service: MccService = context.engine;
  let source: EventSource = context.engine.control;
  let watcher: SessionWatcher | undefined;
  const gatewayOver = (upstream: MccService) =>
    createGateway({
      upstream,
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(context.onUpstream ? { onUpstream: context.onUpstream } : {}),
    });

  if (options.upstream) {
    mode = 'gateway';
    const spec = parseUpstream(options.upstream);
    const client = createUpstream(spec, { env: context.env, ...(timeoutMs ? { timeoutMs } : {}) });
    closers.push(() => client.close());
    const recorder = options.record
      ? await createRecorder({
          upstream: client,
          dir: options.record,
          upstreamName: `${spec.transport}:${spec.url}`,
        })
      : undefined;
    if (recorder) closers.push(() => recorder.flush());
    service = gatewayOver(recorder ?? client);
    if (options.webhooks?.length) {
      // Polls go past the recorder: a recording holds what the callers asked, nothing else.
      watcher = createSessionWatcher({
        upstream: service,
        pollWith: gatewayOver(client),
        store: await watchStoreFor(context.store),
      });
    }
  } else if (options.replay) {
    mode = 'replay';
    service = gatewayOver(createReplay(await loadRecording(options.replay)));
    // No polling of a recording: only the callers' own checks are seen.
    if (options.webhooks?.length)
      watcher = createSessionWatcher({
        upstream: service,
        intervalMs: 0,
        store: await watchStoreFor(context.store),
      });
  }
  if (watcher) {
    const w = watcher;
    service = w.service;
    source = w;
    closers.push(() => w.close());
  }
  const webhooks = options.webhooks?.length
    ? await createWebhookDispatcher({
        source,
        receivers: options.webhooks,
        store: await deliveryStoreFor(context.store),
        ...(context.onError ? { onError: context.onError } : {}),
      })
    : undefined;
  return {
    mode,
    service,
    ...(webhooks ? { webhooks } : {}),
    async close() {
      // Shutdown gives the receivers a moment to get what is queued (the rest waits in the store).
      await webhooks?.drained(SHUTDOWN_DRAIN_MS).catch(() => {});
      await webhooks?.close();
      for (const close of closers.reverse()) await close();
    },
  };
}
