import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MccService } from '@mcc/core';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';

/** An MCC served on 127.0.0.1, port 0, over both transports (as the playground does). */
export interface Served {
  origin: string;
  /** `${origin}/mc/cxf/rest/json` */
  restUrl: string;
  /** `${origin}/mc/cxf/soap?wsdl` */
  wsdlUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens with `handler` on a free loopback port. */
export async function listen(handler: RequestListener): Promise<Served> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    restUrl: `${origin}/mc/cxf/rest/json`,
    wsdlUrl: `${origin}/mc/cxf/soap?wsdl`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `service` over REST and SOAP on one port. */
export function serveBoth(service: MccService): Promise<Served> {
  const rest = createRestHandler(service);
  const soap = createSoapHandler(service);
  return listen((req, res) => {
    if (rest(req, res)) return;
    soap(req, res, () => {
      res.statusCode = 404;
      res.end();
    });
  });
}
