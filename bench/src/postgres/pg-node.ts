// One playground node of the PostgreSQL scale-out bench: REST + SOAP over the engine on the
// PostgreSQL database given as argv[2]; argv[3] names the node (its seed session for checkSession);
// argv[4]: its PostgreSQL connections (default: the store's).
// Prints {"url", "sessionId"} on its first line, as the servers of bench/src/servers do.

import { startPlayground } from '@mcc/playground/server';
import { benchContactCenter } from '../bench-contact-center.js';

const [, , store, name = 'node', pool] = process.argv;
if (!store) throw new Error('usage: pg-node.ts <postgres://…> [name]');
const playground = await startPlayground({
  port: 0,
  host: '127.0.0.1',
  store,
  ...(pool ? { storePool: Number(pool) } : {}),
  config: benchContactCenter(),
});
const sessionId = `bench-seed-${name}`;
const seed = await playground.engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId });
if (seed.result !== 'SUCCESS') throw new Error(`cannot seed: ${JSON.stringify(seed)}`);
process.stdout.write(`${JSON.stringify({ url: playground.url, sessionId })}\n`);
process.on('SIGTERM', () => void playground.close().then(() => process.exit(0)));
