import type { MccService } from '@mcc/core';
import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import {
  type ConformanceGroup,
  conformanceGroups,
  createEngineTarget,
  type MccTarget,
  mccConformance,
  type TargetOptions,
} from '@mcc/testkit';
import { describe, test } from 'vitest';
import { createGateway } from '../src/gateway.js';
import { createUpstream } from '../src/upstream.js';
import { serveBoth } from './support/serve.js';

type Front = 'rest' | 'soap';

/**
 * A gateway over the wire on both sides: a client of `front` → this toolkit's server of `front`
 * serving the gateway → the gateway's upstream client of the other transport → that transport's
 * server → the engine. The engine's control, clock and store faults stay in process, so the whole
 * suite runs (the cases that need no control are a subset).
 */
async function gatewayTarget(front: Front, options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget(options);
  const mcc = await serveBoth(target.engine);
  const upstream = createUpstream(front === 'rest' ? `soap:${mcc.wsdlUrl}` : `rest:${mcc.restUrl}`, {
    timeoutMs: 5000,
  });
  const gateway = await serveBoth(createGateway({ upstream, timeoutMs: 5000 }));
  // One call, one request from the test's side: retries are the upstream client's business.
  // Strict: every deviation of the gateway's answers from the contract fails the case.
  const strict = { retry: { retries: 0 }, strict: true } as const;
  const client =
    front === 'rest'
      ? createRestClient({ baseUrl: gateway.restUrl, ...strict })
      : createSoapClient({ wsdlUrl: gateway.wsdlUrl, ...strict });
  const service: MccService = client;
  return {
    service,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await client.close();
      await gateway.close();
      await upstream.close();
      await mcc.close();
      await target.close();
    },
  };
}

mccConformance({
  describe,
  test,
  title: 'MCC conformance, REST gateway in front of a SOAP MCC',
  createTarget: (options) => gatewayTarget('rest', options),
});

mccConformance({
  describe,
  test,
  title: 'MCC conformance, SOAP gateway in front of a REST MCC',
  createTarget: (options) => gatewayTarget('soap', options),
});

// The subset a live TVox can run (no control): the cases left out run in the two suites above, so
// they are not registered here at all (a `test` without `skip`), rather than reported as skipped.
mccConformance({
  describe,
  test: (name, fn) => test(name, fn),
  title: 'MCC conformance without control, REST gateway in front of a SOAP MCC',
  capabilities: { control: false, virtualClock: false, configurable: false, storeFaults: false },
  onSkip: () => {},
  groups: (Object.keys(conformanceGroups) as ConformanceGroup[]).filter((group) =>
    conformanceGroups[group].some((c) => !c.needs?.length && !c.config),
  ),
  createTarget: (options) => gatewayTarget('rest', options),
});
