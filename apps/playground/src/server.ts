import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createMemoryStore, type Engine, type SessionStore } from '@mcc/core';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';
import { createSqliteStore } from '@mcc/store-sqlite';
import type { Settings } from './settings.js';

/** A running playground server. */
export interface Playground {
  server: Server;
  engine: Engine;
  /** The base URL it answers on. */
  url: string;
  close(): Promise<void>;
}

function openStore(url: string): SessionStore {
  if (url === 'memory:') return createMemoryStore();
  return createSqliteStore({ directory: url.slice('sqlite:'.length) });
}

/**
 * Starts the MCC on one port: REST/JSON (with WADL and OpenAPI) and SOAP (with WSDL) over the
 * reference engine and the demo contact center, plus `/healthz`.
 */
export async function startPlayground(settings: Pick<Settings, 'port' | 'host' | 'store'>): Promise<Playground> {
  const engine = await createEngine({ store: openStore(settings.store) });
  const rest = createRestHandler(engine);
  const soap = createSoapHandler(engine);
  const server = createServer({ maxHeaderSize: 96 * 1024 }, (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    rest(req, res, () =>
      soap(req, res, () => {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND' }));
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return {
    server,
    engine,
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await engine.close();
    },
  };
}
