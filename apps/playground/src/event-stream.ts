import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainEvent, Engine } from '@mcc/engine';

const PAGE = 1000;

/**
 * Serves the domain events as Server-Sent Events: first every event after the client's
 * `Last-Event-ID` (or `?after=N`), then live ones, without gap or repeat; a heartbeat comment
 * every `heartbeatMs`. The response stays in `open` while it streams, so that shutdown can end it.
 */
export function streamEvents(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  after: number,
  open: Set<ServerResponse>,
  heartbeatMs = 15_000,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': mcc events\n\n');
  let last = after;
  let replaying = true;
  const pending: DomainEvent[] = [];
  const send = (event: DomainEvent) => {
    if (event.seq <= last) return;
    last = event.seq;
    res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = engine.control.subscribe((event) => (replaying ? pending.push(event) : send(event)));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  open.add(res);
  const stop = () => {
    open.delete(res);
    unsubscribe();
    clearInterval(heartbeat);
  };
  req.on('close', stop);
  (async () => {
    for (;;) {
      const page = await engine.control.readEvents(last, PAGE);
      for (const event of page) send(event);
      if (page.length < PAGE) break;
    }
    replaying = false;
    for (const event of pending.splice(0)) send(event);
  })().catch(() => {
    stop();
    res.destroy();
  });
}
