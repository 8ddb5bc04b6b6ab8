import pg from 'pg';
import { vi } from 'vitest';

/** The SQL text of a `Client#query` call (a string, or a query config). */
export const textOf = (arg: unknown): string =>
  typeof arg === 'string'
    ? arg
    : String((arg as { text?: unknown } | undefined)?.text ?? JSON.stringify(arg));

/**
 * Spies on every round trip (`Client#query`, BEGIN and COMMIT included): `sql()` is the text of
 * each call so far. The caller restores the spy (`vi.restoreAllMocks()`).
 */
export function spyStatements() {
  const query = vi.spyOn(pg.Client.prototype, 'query');
  const sql = () => query.mock.calls.map((call) => textOf(call[0]));
  return { query, sql };
}
