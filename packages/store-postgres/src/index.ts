export { isConnectionError, isRetryable, toStoreError } from './map-error.js';
export { applyMigrations } from './migrate.js';
export { type Migration, migrations } from './migrations.js';
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
