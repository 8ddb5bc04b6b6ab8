// The product as shipped: the playground server (REST + SOAP over the engine) on a chosen store.
// Started with LOG_LEVEL=warn: the per-request log line is off, as in a production deployment.

import { startPlayground } from '@mcc/playground/server';
import { benchContactCenter } from '../bench-contact-center.js';

// A SQLite store gets a database of its own in each server process (one per case and repetition),
// so that every run starts from the same state.
const given = process.argv[2] ?? 'memory:';
const store = given.startsWith('sqlite:') ? `${given}/${process.pid}` : given;
const playground = await startPlayground({
  port: 0,
  host: '127.0.0.1',
  store,
  config: benchContactCenter(),
});
const seed = await playground.engine.startSession({
  channelId: 1003,
  serviceid: 'SUPPORT',
  sessionId: 'bench-seed',
});
if (seed.result !== 'SUCCESS') throw new Error('cannot seed');
process.stdout.write(`${JSON.stringify({ url: playground.url, sessionId: 'bench-seed' })}\n`);
process.on('SIGTERM', () => void playground.close().then(() => process.exit(0)));
