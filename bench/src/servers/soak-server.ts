// The soak run's server: the playground as shipped (REST + SOAP over the engine) on a chosen store,
// printing its first line like mcc-server.ts, then one memory sample per line every `interval` ms,
// each taken right after a full GC (live heap, not garbage waiting to be collected).
// Closed sessions are kept `SOAK_RETENTION_MS` (default 60 s) so that purges run during the soak
// and the store reaches a steady size.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startPlayground } from '@mcc/playground/server';
import { benchContactCenter } from '../bench-contact-center.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const store = process.argv[2] ?? 'memory:';
const interval = Number(process.argv[3] ?? 5000);
const playground = await startPlayground({
  port: 0,
  host: '127.0.0.1',
  store,
  config: benchContactCenter('soak', Number(process.env.SOAK_RETENTION_MS ?? 60_000)),
});
process.stdout.write(`${JSON.stringify({ url: playground.url })}\n`);
setInterval(() => {
  gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ at: Date.now(), rss, heapUsed, heapTotal, external })}\n`);
}, interval);
process.on('SIGTERM', () => void playground.close().then(() => process.exit(0)));
