import { MccError } from '@mcc/core';
import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import { isConnectionError, toStoreError } from './map-error.js';
import { type Migration, migrations as storeMigrations } from './migrations.js';

/**
 * Brings `schema` up to date: creates it if missing, then applies, in order, the migrations not
 * yet recorded in its `mcc_schema_migrations` table, all in one transaction that holds an advisory
 * lock per schema. Nodes that start together therefore wait for one another, and each migration
 * runs exactly once. Returns the versions this call applied (empty when already up to date).
 *
 * Fails with `STORE_OPEN_FAILED` when a migration fails or when the schema was migrated by a
 * newer version of this package, with `STORE_UNAVAILABLE` when the database cannot be reached.
 */
export async function applyMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = storeMigrations,
): Promise<number[]> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error, 'connecting to migrate the schema');
  }
  let broken = false;
  // A connection lost between statements is reported as an 'error' event: handle it here.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mcc-migrations:${schema}`]);
    const s = escapeIdentifier(schema);
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(`SET LOCAL search_path TO ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS mcc_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM mcc_schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known)
      throw new MccError(
        'STORE_OPEN_FAILED',
        `schema ${schema} is at migration ${newest}, newer than this package knows (${known}): upgrade @mcc/store-postgres`,
      );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      try {
        await client.query(migration.sql);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        throw new MccError(
          'STORE_OPEN_FAILED',
          `migration ${migration.version} (${migration.name}) of schema ${schema} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await client.query('INSERT INTO mcc_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    broken ||= isConnectionError(error);
    if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
    if (error instanceof MccError) throw error;
    if (isConnectionError(error)) throw toStoreError(error, 'migrating the schema');
    throw new MccError('STORE_OPEN_FAILED', `cannot migrate schema ${schema}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
