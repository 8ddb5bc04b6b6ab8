import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DomainEvent, Engine } from '@mcc/engine';

const PAGE = 1000;

/**
 * Serves the domain events as Server-Sent Events: first every event after the client's
 * `Last-Event-ID` (or `?after=N`), then live ones, without gap or repeat; a heartbeat comment
 * every `heartbeatMs`. The response stays in `open` while it streams, so that shutdown can end it.
 *
 * Every event is read from the store (`readEvents` after the last one sent), and a local commit
 * only wakes the reader: numbers need not arrive in commit order (PostgreSQL numbers events from
 * transaction ids), and only the store's log says which lower-numbered events are final.
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
  let stopped = false;
  const send = (event: DomainEvent) => {
    if (event.seq <= last) return;
    last = event.seq;
    res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  /** One pull at a time; a wake-up during a pull makes it pull once more. */
  let pulling: Promise<void> | undefined;
  let again = false;
  const pull = () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = (async () => {
      do {
        again = false;
        for (;;) {
          const page = await engine.control.readEvents(last, PAGE);
          if (stopped) return;
          for (const event of page) send(event);
          if (page.length < PAGE) break;
        }
      } while (again && !stopped);
    })()
      .catch(() => {
        stop();
        res.destroy();
      })
      .finally(() => {
        pulling = undefined;
      });
  };
  const unsubscribe = engine.control.subscribe(() => pull());
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  open.add(res);
  const stop = () => {
    stopped = true;
    open.delete(res);
    unsubscribe();
    clearInterval(heartbeat);
  };
  req.on('close', stop);
  pull();
}
