export { findPgBin, type PgCluster, startCluster } from './pg-cluster.js';
