import Database from 'better-sqlite3';
import type { DeliveryStore, PendingDelivery } from './delivery-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_cursor (receiver TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_pending (
  receiver TEXT NOT NULL, seq INTEGER NOT NULL, session_id TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (receiver, seq)
) WITHOUT ROWID;
`;

/**
 * A durable {@link DeliveryStore} in a SQLite file of its own (WAL mode), beside the simulator's
 * SQLite store or wherever a gateway keeps its state. Delivery resumes from it after a restart.
 */
export function createSqliteDeliveryStore(file: string): DeliveryStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const getCursor = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM webhook_cursor WHERE receiver = ?',
  );
  const setCursor = db.prepare(
    'INSERT INTO webhook_cursor (receiver, seq) VALUES (?, ?) ON CONFLICT(receiver) DO UPDATE SET seq = excluded.seq',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO webhook_pending (receiver, seq, session_id, body) VALUES (?, ?, ?, ?)',
  );
  const list = db.prepare<[string], { seq: number; session_id: string; body: string }>(
    'SELECT seq, session_id, body FROM webhook_pending WHERE receiver = ? ORDER BY seq',
  );
  const remove = db.prepare('DELETE FROM webhook_pending WHERE receiver = ? AND seq = ?');
  const enqueue = db.transaction(
    (receiver: string, deliveries: readonly PendingDelivery[], cursor: number) => {
      for (const d of deliveries) insert.run(receiver, d.seq, d.sessionId, d.body);
      setCursor.run(receiver, cursor);
    },
  );
  return {
    async cursor(receiver) {
      return getCursor.get(receiver)?.seq ?? 0;
    },
    async enqueue(receiver, deliveries, cursor) {
      enqueue(receiver, deliveries, cursor);
    },
    async pending(receiver) {
      return list.all(receiver).map((r) => ({ seq: r.seq, sessionId: r.session_id, body: r.body }));
    },
    async delivered(receiver, seq) {
      remove.run(receiver, seq);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
