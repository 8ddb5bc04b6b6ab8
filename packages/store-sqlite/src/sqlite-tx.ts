import {
  type DomainEventInput,
  parseSessionRecord,
  type SessionRecord,
  type StoreTx,
  sessionRow,
} from '@mcc/engine';
import type { RecordRow, Statements } from './statements.js';

/** Whether the batch being run has written anything (set by the tx, reset by the group commit). */
export interface WriteTracker {
  wrote: boolean;
}

const record = (row: RecordRow | undefined) => (row ? parseSessionRecord(row.record) : undefined);
const records = (rows: RecordRow[]) => rows.map((row) => parseSessionRecord(row.record));

/**
 * The one `StoreTx` of the SQLite store: statements on the single connection, inside whatever
 * transaction the group commit has open. `lock` is a no-op, because transactions run one at a time.
 */
export function createSqliteTx(q: Statements, writes: WriteTracker): StoreTx {
  return {
    lock: async () => {},
    getSession: async (id) => record(q.get.get(id)),
    insertSession: async (s) => {
      writes.wrote = true;
      return q.insert.run(...sessionRow(s)).changes === 1;
    },
    updateSession: async (s: SessionRecord) => {
      writes.wrote = true;
      const [id, ...rest] = sessionRow(s);
      q.update.run(...rest, id);
    },
    deleteSession: async (id) => {
      writes.wrote = true;
      q.delete.run(id);
    },
    countOpenSessions: async (channelId) => q.countOpen.get(channelId)?.n ?? 0,
    // Transactions run one at a time: the count is the licence decision.
    claimLicence: async (channelId, licences) => (q.countOpen.get(channelId)?.n ?? 0) <= licences,
    querySessions: async (filter) => records(q.querySessions(filter)),
    dueSessions: async (now, limit) => records(q.due.all(now, limit)),
    nextTimerAt: async () => q.nextTimer.get()?.at ?? undefined,
    getState: async <T>(key: string) => {
      const row = q.getState.get(key);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    putState: async (key, value) => {
      writes.wrote = true;
      if (value === undefined) q.deleteState.run(key);
      else q.putState.run(key, JSON.stringify(value));
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
