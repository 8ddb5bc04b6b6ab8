// The REST handler alone: `createRestHandler` over the engine on a memory store, on a plain
// node:http server — the transport's own cost, without the playground's logging, metrics, rate
// limit and fault checks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine } from '@mcc/engine';
import { createRestHandler } from '@mcc/rest-transport/server';
import { benchContactCenter } from '../bench-contact-center.js';

const engine = await createEngine({ config: benchContactCenter() });
const seed = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT', sessionId: 'bench-seed' });
if (seed.result !== 'SUCCESS') throw new Error('cannot seed');
const handler = createRestHandler(engine);
const server = createServer((req, res) => {
  if (!handler(req, res)) {
    res.statusCode = 404;
    res.end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`${JSON.stringify({ url, sessionId: 'bench-seed' })}\n`);
});
process.on('SIGTERM', () => server.close(() => void engine.close().then(() => process.exit(0))));
