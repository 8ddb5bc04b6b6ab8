export { type LockSamples, sampleLocks } from './lock-sampler.js';
export { findPgBin, type PgCluster, startCluster } from './pg-cluster.js';
