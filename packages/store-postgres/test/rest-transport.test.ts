import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MccService } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createRestServer } from '@mcc/rest-transport/server';
import { createEngineTarget, type MccTarget, mccConformance, type TargetOptions } from '@mcc/testkit';
import { describe, onTestFinished, test } from 'vitest';
import { nodeFor, startNodes, tally } from './support/nodes.js';
import { openStore } from './support/test-store.js';

/** Serves `service` over REST on 127.0.0.1, a free port; returns a client of it and a closer. */
async function overRest(service: MccService): Promise<{ client: MccService; close(): Promise<void> }> {
  const server: Server = createRestServer(service);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createRestClient({
    baseUrl: `http://127.0.0.1:${port}/mc/cxf/rest/json`,
    retry: { retries: 0 },
    // Strict: every deviation of our server from the contract fails the case.
    strict: true,
  });
  return {
    client,
    close: async () => {
      await client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** REST client → REST server → engine → PostgreSQL store. */
async function createRestTarget(options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget({ store: await openStore(), ...options });
  const rest = await overRest(target.engine);
  return {
    service: rest.client,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await rest.close();
      await target.close();
    },
  };
}

mccConformance({
  describe,
  test,
  createTarget: createRestTarget,
  title: 'MCC conformance over REST on PostgreSQL',
});

describe('two REST servers on one PostgreSQL database', () => {
  test('200 concurrent starts through both servers on the 5-licence channel 1: exactly 5 SUCCESS', async () => {
    const nodes = await startNodes();
    const servers = await Promise.all(nodes.map((n) => overRest(n.engine)));
    onTestFinished(() => Promise.all(servers.map((s) => s.close())).then(() => {}));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        nodeFor(servers, i).client.startSession({ channelId: 1, serviceid: 'SUPPORT' }),
      ),
    );
    assert.deepEqual(
      tally(results, (r) => (r.result === 'SUCCESS' ? 'SUCCESS' : (r.failReason ?? '?'))),
      { SUCCESS: 5, NO_LICENSE: 195 },
    );
  });
});
