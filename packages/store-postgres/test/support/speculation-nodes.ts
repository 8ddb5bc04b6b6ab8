import { type ContactCenterConfigInput, createEngine, type Engine, VirtualClock } from '@mcc/engine';
import pg from 'pg';
import { afterEach, onTestFinished, vi } from 'vitest';
import type { PostgresStore } from '../../src/index.js';
import { adminPool, openStore } from './test-store.js';

// What the speculative-transaction tests share: nodes on one schema, and the counts of the
// statements they sent (spyStatements' texts).

export const config: ContactCenterConfigInput = {
  name: 'speculation',
  channels: [
    { id: 1003, licences: 100 },
    { id: 1, licences: 5 },
  ],
  services: [{ code: 'SUPPORT', channels: [1003, 1] }],
  agents: [],
};

export interface Node {
  store: PostgresStore;
  engine: Engine;
}

/** An engine on its own store (pool) in `schema`; with `warm`, it has started and closed a session on each channel. */
export async function node(
  schema: string,
  options: { cache?: number; id?: string; warm?: boolean } = {},
): Promise<Node> {
  const store = await openStore({ schema, speculationCacheSize: options.cache ?? 10_000 });
  let n = 0;
  const engine = await createEngine({
    store,
    clock: new VirtualClock(),
    config,
    ...(options.id ? { nodeId: options.id, generateId: () => `${options.id}-${++n}` } : {}),
  });
  onTestFinished(() => engine.close());
  if (options.warm)
    for (const channelId of [1003, 1]) {
      const warm = await engine.startSession({ channelId, serviceid: 'SUPPORT' });
      await engine.closeSession({ sessionId: warm.sessionId as string });
    }
  return { store, engine };
}

/** Restores the statement spies after each test of the file that calls it. */
export function restoringSpies(): void {
  afterEach(() => {
    vi.restoreAllMocks();
  });
}

/** How many transactions went as one `mcc_apply`. */
export const applies = (sql: string[]) => sql.filter((s) => s.includes('.mcc_apply(')).length;
/** How many regular transactions began. */
export const regulars = (sql: string[]) => sql.filter((s) => s.startsWith('BEGIN')).length;

/** An operation's result, or its fail reason. */
export const outcome = (r: { result: string; failReason?: string }) =>
  r.result === 'SUCCESS' ? 'SUCCESS' : (r.failReason ?? '?');

/** How many prefetches (the store's unlocked read of one session or state value) were sent. */
export const prefetches = (sql: string[]) =>
  sql.filter((s) => /^SELECT (record|value) FROM \S+\.mcc_(sessions|state) WHERE (id|key) = \$1$/.test(s))
    .length;

/** Every row the schema's tables hold, in a stable order, for comparing what two runs left. */
export async function storedRows(schema: string) {
  const admin = adminPool();
  onTestFinished(() => admin.end());
  const s = pg.escapeIdentifier(schema);
  const q = async (sql: string) => (await admin.query(sql)).rows;
  return {
    sessions: await q(`SELECT id, channel_id, service_code, status, username, queue_key, created_at, timer_at,
      record::text FROM ${s}.mcc_sessions ORDER BY id`),
    licences: await q(`SELECT channel_id, slot, session_id FROM ${s}.mcc_licences ORDER BY channel_id, slot`),
    state: await q(`SELECT key, value::text FROM ${s}.mcc_state ORDER BY key`),
    events: (await q(`SELECT event::text FROM ${s}.mcc_events ORDER BY seq`)).map((r) => r.event),
  };
}
