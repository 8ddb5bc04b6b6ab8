import { createMemoryStore, type SessionStore } from '@mcc/engine';
import { createSqliteStore } from '@mcc/store-sqlite';

/**
 * Opens the store a `MCC_STORE` URL names: `memory:`, `sqlite:<directory>` or
 * `postgres://…` / `postgresql://…`.
 */
export async function openStore(url: string): Promise<SessionStore> {
  if (url === 'memory:') return createMemoryStore();
  if (url.startsWith('sqlite:')) return createSqliteStore({ directory: url.slice('sqlite:'.length) });
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { createPostgresStore } = await import('@mcc/store-postgres');
    return createPostgresStore({ connectionString: url });
  }
  throw new Error(`unknown store ${url}`);
}

/** Whether a `MCC_STORE` value names a store this server can open. */
export function isStoreUrl(url: string): boolean {
  return url === 'memory:' || /^sqlite:.+/.test(url) || /^postgres(ql)?:\/\/.+/.test(url);
}
