import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from '../../src/index.js';

const schemas = new Set<string>();

/** The database the tests run on (from the global setup). */
export function databaseUrl(): string {
  return inject('databaseUrl');
}

/** A new schema name, dropped again after the test file (see setup-file.ts). */
export function uniqueSchema(): string {
  const schema = `mcc_t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  schemas.add(schema);
  return schema;
}

/** A store on the test database, in a fresh schema unless one is given. */
export function openStore(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  return createPostgresStore({ connectionString: databaseUrl(), schema: uniqueSchema(), ...options });
}

/** A plain pool on the test database, for looking behind the store's back. */
export function adminPool(connectionString = databaseUrl()): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => {});
  return pool;
}

/** Drops every schema this test file made (keeps a shared DATABASE_URL database clean). */
export async function dropTestSchemas(): Promise<void> {
  if (schemas.size === 0) return;
  const pool = adminPool();
  try {
    for (const schema of schemas)
      await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    schemas.clear();
  } finally {
    await pool.end();
  }
}
