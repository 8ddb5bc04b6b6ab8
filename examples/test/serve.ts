import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';
import { createEngineTarget } from '@mcc/testkit';

/** A local MCC as `pnpm start` serves it (REST and SOAP on one port, the demo contact center). */
export interface LocalMcc {
  origin: string;
  close(): Promise<void>;
}

/** The reference engine behind both transports on 127.0.0.1, port 0. */
export async function serveLocalMcc(): Promise<LocalMcc> {
  const target = await createEngineTarget();
  const rest = createRestHandler(target.engine);
  const soap = createSoapHandler(target.engine);
  const server = createServer((req, res) => {
    rest(req, res, () => soap(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await target.close();
    },
  };
}
