import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MccService } from '@mcc/core';
import { createRestServer, type RestServerOptions } from '../../src/server/index.js';

/** A server listening on 127.0.0.1 on a free port. */
export interface Listening {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The REST endpoint: `${origin}/mc/cxf/rest/json`. */
  baseUrl: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1, port 0. */
export async function listen(server: Server, basePath = '/mc/cxf/rest/json'): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}${basePath}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `service` with {@link createRestServer} on a free port. */
export function serveRest(service: MccService, options: RestServerOptions = {}): Promise<Listening> {
  return listen(createRestServer(service, options), options.basePath);
}

/** A plain `node:http` server on a free port with a hand-written listener (failure injection). */
export function serveRaw(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  return listen(createServer(listener));
}
