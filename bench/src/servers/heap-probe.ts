// Heap per open session: 100 000 NEW sessions in the engine's memory store, measured after GC.
import { createEngine, parseContactCenterConfig, VirtualClock } from '@mcc/engine';

const count = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const engine = await createEngine({
  clock: new VirtualClock(),
  config: parseContactCenterConfig({
    channels: [{ id: 1003, licences: 10_000_000 }],
    services: [{ code: 'SUPPORT', channels: [1003] }],
  }),
});
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < count; i++) {
  const r = await engine.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
  if (r.result !== 'SUCCESS') throw new Error(r.failReason);
}
gc();
const after = process.memoryUsage().heapUsed;
// Reading the sessions back keeps the engine (and its store) alive through the measurement.
const open = (await engine.control.listSessions({ status: ['NEW'] })).length;
if (open !== count) throw new Error(`expected ${count} open sessions, found ${open}`);
process.stdout.write(
  `${JSON.stringify({ count, bytesPerSession: (after - before) / count, heapUsed: after })}\n`,
);
