import {
  type DomainEventInput,
  parseSessionRecord,
  type SessionRecord,
  type StoreTx,
  sessionRow,
} from '@mcc/engine';
import type { ReadCache } from './read-cache.js';
import type { RecordRow, Statements } from './statements.js';

/** Whether the batch being run has written anything (set by the tx, reset by the group commit). */
export interface WriteTracker {
  wrote: boolean;
}

/** The read caches of the connection (read-cache.ts): session records by id, state values (JSON text) by key. */
export interface TxCaches {
  sessions: ReadCache<SessionRecord>;
  state: ReadCache<string>;
}

const record = (row: RecordRow | undefined) => (row ? parseSessionRecord(row.record) : undefined);
const records = (rows: RecordRow[]) => rows.map((row) => parseSessionRecord(row.record));

/**
 * The one `StoreTx` of the SQLite store: statements on the single connection, inside whatever
 * transaction the group commit has open. `lock` is a no-op and `tryLock` always succeeds, because
 * transactions run one at a time.
 */
export function createSqliteTx(q: Statements, writes: WriteTracker, caches: TxCaches): StoreTx {
  const { sessions, state } = caches;
  return {
    lock: async () => {},
    tryLock: async () => true,
    getSession: async (id) => {
      const cached = sessions.get(id);
      if (cached !== undefined) return cached ?? undefined;
      const found = record(q.get.get(id));
      sessions.set(id, found);
      return found;
    },
    insertSession: async (s) => {
      writes.wrote = true;
      const inserted = q.insert.run(...sessionRow(s)).changes === 1;
      if (inserted) sessions.set(s.id, s);
      return inserted;
    },
    updateSession: async (s: SessionRecord) => {
      writes.wrote = true;
      const [id, ...rest] = sessionRow(s);
      q.update.run(...rest, id);
      sessions.set(s.id, s);
    },
    deleteSession: async (id) => {
      writes.wrote = true;
      q.delete.run(id);
      sessions.set(id, undefined);
    },
    countOpenSessions: async (channelId) => q.countOpen.get(channelId)?.n ?? 0,
    // Transactions run one at a time: the count is the licence decision.
    claimLicence: async (channelId, licences) => (q.countOpen.get(channelId)?.n ?? 0) <= licences,
    querySessions: async (filter) => records(q.querySessions(filter)),
    dueSessions: async (now, limit) => records(q.due.all(now, limit)),
    nextTimerAt: async () => q.nextTimer.get()?.at ?? undefined,
    // State values are cached as their JSON text: every read parses a fresh value (callers change
    // what they read, e.g. an agent's logins, before writing it back).
    getState: async <T>(key: string) => {
      let text = state.get(key);
      if (text === undefined) {
        text = q.getState.get(key)?.value ?? null;
        state.set(key, text ?? undefined);
      }
      return text === null ? undefined : (JSON.parse(text) as T);
    },
    putState: async (key, value) => {
      writes.wrote = true;
      if (value === undefined) {
        q.deleteState.run(key);
        state.set(key, undefined);
      } else {
        const text = JSON.stringify(value);
        q.putState.run(key, text);
        state.set(key, text);
      }
    },
    listState: async <T>(prefix: string) =>
      q.listState
        .all(prefix, `${prefix}\uffff`)
        .map((row) => ({ key: row.key, value: JSON.parse(row.value) as T })),
    appendEvent: async (input: DomainEventInput) => {
      writes.wrote = true;
      const seq = Number(q.appendEvent.run(JSON.stringify(input)).lastInsertRowid);
      return { ...input, seq };
    },
  };
}
