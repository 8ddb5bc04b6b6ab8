export { migrations } from './migrations.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
