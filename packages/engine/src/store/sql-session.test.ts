import { describe, expect, test } from 'vitest';
import type { SessionRecord } from '../model/session-record.js';
import { parseSessionRecord, SESSION_COLUMNS, sessionQuerySql, sessionRow } from './sql-session.js';

const record: SessionRecord = {
  id: 's1',
  channelId: 1003,
  serviceCode: 'SUPPORT',
  status: 'QUEUED',
  createdAt: 10,
  updatedAt: 11,
  queueKey: 5,
};

describe('SQL session rows', () => {
  test('a row has one value per column, absent fields as NULL, and the record round-trips', () => {
    const row = sessionRow(record);
    expect(row).toHaveLength(SESSION_COLUMNS.length);
    expect(row).toEqual(['s1', 1003, 'SUPPORT', 'QUEUED', null, 5, 10, null, JSON.stringify(record)]);
    expect(parseSessionRecord(row[8] as string)).toEqual(record);
    expect(parseSessionRecord(record)).toBe(record);
  });

  test('every filter becomes a parameter in the dialect, in order, never inlined', () => {
    const pg = sessionQuerySql(
      't',
      { status: ['QUEUED', 'BOOKED'], serviceCode: "x' OR 1=1", channelId: 1, username: 'u', limit: 3 },
      (n) => `$${n}`,
    );
    expect(pg.sql).toBe(
      'SELECT record FROM t WHERE status IN ($1, $2) AND service_code = $3 AND channel_id = $4 AND username = $5' +
        ' ORDER BY queue_key ASC NULLS LAST, created_at, id LIMIT $6',
    );
    expect(pg.params).toEqual(['QUEUED', 'BOOKED', "x' OR 1=1", 1, 'u', 3]);
    const sqlite = sessionQuerySql('t', {}, () => '?');
    expect(sqlite).toEqual({
      sql: 'SELECT record FROM t ORDER BY queue_key ASC NULLS LAST, created_at, id',
      params: [],
    });
  });

  test('an empty status list matches nothing (not a syntax error)', () => {
    expect(sessionQuerySql('t', { status: [] }, () => '?').sql).toContain('WHERE 1 = 0');
  });
});
