import type { MccService } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { Agent, request } from 'undici';
import type { ServerInfo } from './cases.js';

const REST = '/mc/cxf/rest/json';

/** Calls per second of the clients against one server, each against the client below it. */
export interface ClientFigures {
  rawUndici: number;
  restClient: number;
  soapClient: number;
}

/** Calls per second of `call`, `concurrency` loops each awaiting its previous call. */
async function throughput(
  seconds: number,
  concurrency: number,
  call: () => Promise<unknown>,
): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await call();
        count++;
      }
    }),
  );
  return count / seconds;
}

/**
 * The clients' own cost: raw `undici.request`, the REST client and the SOAP client calling
 * checkSession on the same server, 16 loops each, in this process (the client is what is measured
 * here; the server runs in its own process).
 */
export async function measureClients(info: ServerInfo, seconds: number): Promise<ClientFigures> {
  const sessionId = info.sessionId ?? 'bench-seed';
  const dispatcher = new Agent({ connections: 16 });
  try {
    const raw = () =>
      request(`${info.url}${REST}/checkSession?sessionId=${sessionId}`, { dispatcher }).then((r) =>
        r.body.json(),
      );
    const rest: MccService = createRestClient({ baseUrl: `${info.url}${REST}`, dispatcher });
    const soap: MccService = createSoapClient({ baseUrl: `${info.url}/mc/cxf/soap`, dispatcher });
    const checked = async (client: MccService) => {
      const answer = await client.checkSession({ sessionId });
      if (answer.result !== 'SUCCESS') throw new Error(`client answer: ${JSON.stringify(answer)}`);
    };
    for (const warm of [raw, () => checked(rest), () => checked(soap)]) await throughput(1, 16, warm);
    return {
      rawUndici: await throughput(seconds, 16, raw),
      restClient: await throughput(seconds, 16, () => checked(rest)),
      soapClient: await throughput(seconds, 16, () => checked(soap)),
    };
  } finally {
    await dispatcher.close();
  }
}
