import { createEngineTarget, type MccTarget, mccConformance } from '@mcc/testkit';
import { describe, test } from 'vitest';
import { createSoapClient } from '../src/client/index.js';
import { createSoapHandler } from '../src/server/index.js';
import { listen } from './support/listen.js';

// The whole MCC conformance suite over the wire: SOAP client → SOAP server (a real socket on
// 127.0.0.1, port 0) → the reference engine. The target keeps the engine's control, clock and
// store faults, so every capability is on.
mccConformance({
  describe,
  test,
  title: 'MCC conformance over SOAP',
  createTarget: async (options): Promise<MccTarget> => {
    const target = await createEngineTarget(options);
    const http = await listen(createSoapHandler(target.engine));
    // Strict: every deviation of our server from the contract fails the case.
    const service = createSoapClient({
      wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl`,
      retry: { retries: 0 },
      strict: true,
    });
    return {
      service,
      control: target.control,
      clock: target.clock,
      storeFaults: target.storeFaults,
      close: async () => {
        await service.close();
        await http.close();
        await target.close();
      },
    };
  },
});
