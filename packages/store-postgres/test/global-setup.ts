import type { TestProject } from 'vitest/node';
import { startCluster } from '../src/testing/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the database the tests use (each test makes its own schema there). */
    databaseUrl: string;
  }
}

/**
 * Gives the tests a PostgreSQL database: `DATABASE_URL` when set, else a throwaway cluster
 * started here (initdb + pg_ctl, see src/testing/pg-cluster.ts) and removed after the run. Fails —
 * never skips — when neither is available.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('databaseUrl', external);
    return undefined;
  }
  const cluster = await startCluster();
  try {
    project.provide('databaseUrl', await cluster.createDatabase('mcc_test'));
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return () => cluster.destroy();
}
