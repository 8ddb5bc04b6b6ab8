import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MccService } from '@mcc/core';
import { createEngineTarget, type MccTarget, mccConformance, type TargetOptions } from '@mcc/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { createRestClient } from '../../src/client/index.js';
import { type Listening, serveRest } from '../support/listen.js';
import { type Prism, startPrism } from './prism.js';

// The whole conformance suite over REST, its traffic through Prism's validating proxy (answers
// validated: the suite sends deliberately invalid input, which the MCC answers as business
// failures). With --errors an answer that violates the document becomes Prism's error, which the
// strict client refuses: every case passing means zero violations. One server and one Prism serve
// every case: the server's service forwards to the engine of the case running now.
let current: MccService | undefined;
const forward = new Proxy({} as MccService, {
  get: (_target, name) => {
    if (!current) throw new Error('no conformance case is running');
    const method = (current as unknown as Record<string | symbol, unknown>)[name];
    return typeof method === 'function' ? method.bind(current) : method;
  },
});
let server: Listening;
let prism: Prism;
let dir: string;

beforeAll(async () => {
  server = await serveRest(forward);
  dir = await mkdtemp(join(tmpdir(), 'mcc-prism-conformance-'));
  const document = join(dir, 'openapi.json');
  await writeFile(document, await (await fetch(`${server.origin}/mc/cxf/rest/openapi.json`)).text());
  prism = await startPrism(document, server.baseUrl, false);
}, 120_000);
afterAll(async () => {
  prism?.process.kill();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function createPrismTarget(options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget(options);
  current = target.engine;
  const client = createRestClient({ baseUrl: prism.origin, retry: { retries: 0 }, strict: true });
  return {
    service: client,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await client.close();
      current = undefined;
      await target.close();
    },
  };
}

mccConformance({
  describe,
  test,
  createTarget: createPrismTarget,
  title: 'MCC conformance over REST, through Prism',
});
