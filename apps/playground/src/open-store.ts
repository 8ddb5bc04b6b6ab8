import { createMemoryStore, type SessionStore } from '@mcc/engine';
import { createSqliteStore } from '@mcc/store-sqlite';

/**
 * Opens the store a `MCC_STORE` URL names: `memory:`, `sqlite:<directory>` or
 * `postgres://…` / `postgresql://…` (with `pool` connections; default: the store's, 10).
 */
export async function openStore(url: string, pool?: number): Promise<SessionStore> {
  if (url === 'memory:') return createMemoryStore();
  if (url.startsWith('sqlite:')) return createSqliteStore({ directory: url.slice('sqlite:'.length) });
  if (isPostgresUrl(url)) {
    const { createPostgresStore } = await import('@mcc/store-postgres');
    return createPostgresStore({
      connectionString: url,
      ...(pool === undefined ? {} : { maxConnections: pool }),
    });
  }
  throw new Error(`unknown store ${url}`);
}

/** Whether a `MCC_STORE` value names a PostgreSQL store (`postgres://…`, `postgresql://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/.+/.test(url);
}

/** Whether a `MCC_STORE` value names a store this server can open. */
export function isStoreUrl(url: string): boolean {
  return url === 'memory:' || /^sqlite:.+/.test(url) || isPostgresUrl(url);
}
