import type { SessionRecord } from '../model/session-record.js';
import type { SessionQuery } from './store.js';

/**
 * The columns of a session row in a SQL store, in the order of {@link sessionRow}: the indexed
 * fields the queries filter and sort on, then the whole record as JSON (so every field round-trips
 * exactly and absent fields stay absent). Shared by the SQLite and PostgreSQL stores.
 */
export const SESSION_COLUMNS = [
  'id',
  'channel_id',
  'service_code',
  'status',
  'username',
  'queue_key',
  'created_at',
  'timer_at',
  'record',
] as const;

/** The values of a session row, in the order of {@link SESSION_COLUMNS}; `record` is JSON text. */
export function sessionRow(s: SessionRecord): unknown[] {
  return [
    s.id,
    s.channelId,
    s.serviceCode,
    s.status,
    s.username ?? null,
    s.queueKey ?? null,
    s.createdAt,
    s.timerAt ?? null,
    JSON.stringify(s),
  ];
}

/** A stored `record` column back to the session: JSON text, or a value the driver already parsed. */
export function parseSessionRecord(record: string | SessionRecord): SessionRecord {
  return typeof record === 'string' ? (JSON.parse(record) as SessionRecord) : record;
}

/** How a SQL dialect spells the n-th (1-based) statement parameter: `?` (SQLite) or `$n` (PostgreSQL). */
export type SqlPlaceholder = (index: number) => string;

/**
 * The `SELECT record …` statement of {@link StoreTx.querySessions} on `table`, with its parameters:
 * every filter given, ordered by queue key (sessions without one last), then creation, then id.
 * Both SQL stores use it, so that the order of sessions is the same fact everywhere.
 */
export function sessionQuerySql(
  table: string,
  query: SessionQuery,
  placeholder: SqlPlaceholder,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return placeholder(params.length);
  };
  // An empty status list matches nothing (and `IN ()` is not SQL).
  if (query.status)
    where.push(query.status.length ? `status IN (${query.status.map(next).join(', ')})` : '1 = 0');
  if (query.serviceCode !== undefined) where.push(`service_code = ${next(query.serviceCode)}`);
  if (query.channelId !== undefined) where.push(`channel_id = ${next(query.channelId)}`);
  if (query.username !== undefined) where.push(`username = ${next(query.username)}`);
  let sql = `SELECT record FROM ${table}`;
  if (where.length) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ' ORDER BY queue_key ASC NULLS LAST, created_at, id';
  if (query.limit !== undefined) sql += ` LIMIT ${next(query.limit)}`;
  return { sql, params };
}
