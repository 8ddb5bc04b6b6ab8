import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MccService } from '@mcc/core';
import { createRestServer } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';

/** A real server on 127.0.0.1, port 0. */
export interface Serving {
  origin: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Serving> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `service` over REST/JSON (`createRestServer`), at `${origin}/mc/cxf/rest/json`. */
export function serveRest(service: MccService): Promise<Serving> {
  return listen(createRestServer(service));
}

/** `service` over SOAP (`node:http` + `createSoapHandler`), WSDL at `${origin}/mc/cxf/soap?wsdl`. */
export function serveSoap(service: MccService): Promise<Serving> {
  const handler = createSoapHandler(service);
  return listen(
    createServer((req, res) =>
      handler(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    ),
  );
}
