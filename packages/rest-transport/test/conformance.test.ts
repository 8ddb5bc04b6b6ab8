import { createEngineTarget, type MccTarget, mccConformance, type TargetOptions } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { createRestClient } from '../src/client/index.js';
import { serveRest } from './support/listen.js';

/**
 * The conformance suite over the wire: REST client → REST server on 127.0.0.1:0 → the in-process
 * engine. The engine is served as it is (the server's `dispatch` is the only validation); the
 * contact-center control, virtual clock and store faults stay in process.
 */
async function createRestTarget(options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget(options);
  const server = await serveRest(target.engine);
  // One call, one request: the suite checks the service's answers; retries have their own tests.
  // Strict: every deviation of our server from the contract fails the case.
  const client = createRestClient({ baseUrl: server.baseUrl, retry: { retries: 0 }, strict: true });
  return {
    service: client,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await client.close();
      await server.close();
      await target.close();
    },
  };
}

mccConformance({ describe, test, createTarget: createRestTarget, title: 'MCC conformance over REST' });
