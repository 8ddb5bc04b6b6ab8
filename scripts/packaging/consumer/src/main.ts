// A project outside the workspace using the packed @mcc/* packages as a user would: the engine on
// the SQLite store served over REST and SOAP from one node:http server, a call through each client,
// the whole MCC conformance suite over each transport with the testkit, and the testkit's
// `mcc-conformance` executable against the same server. Exits 1 on the first broken promise.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MccService } from '@mcc/core';
import { createEngine, demoConfig } from '@mcc/engine';
import { createRestClient } from '@mcc/rest-transport/client';
import { createRestHandler, createRestServer } from '@mcc/rest-transport/server';
import { createSoapClient } from '@mcc/soap-transport/client';
import { createSoapHandler } from '@mcc/soap-transport/server';
import { createPostgresStore } from '@mcc/store-postgres';
import { createSqliteStore } from '@mcc/store-sqlite';
import { createEngineTarget, type MccTarget, mccConformance, type TargetOptions } from '@mcc/testkit';

interface Listening {
  origin: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Listening> {
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

/** REST and SOAP of one service on one port, as the playground serves them. */
function serveBoth(service: MccService): Promise<Listening> {
  const rest = createRestHandler(service);
  const soap = createSoapHandler(service);
  return listen(
    createServer((req, res) => {
      if (rest(req, res)) return;
      soap(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
    }),
  );
}

async function clientsOnSqlite(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'mcc-consumer-'));
  const engine = await createEngine({ config: demoConfig, store: createSqliteStore({ directory }) });
  const http = await serveBoth(engine);
  const rest = createRestClient({ baseUrl: `${http.origin}/mc/cxf/rest/json` });
  const soap = createSoapClient({ wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl` });
  try {
    const started = await rest.startSession({
      channelId: 1003,
      serviceid: 'SUPPORT',
      sessionId: 'consumer-1',
    });
    assert.equal(started.result, 'SUCCESS', JSON.stringify(started));
    const booked = await soap.sessionAccept({ sessionId: 'consumer-1', user: 'bob' });
    assert.equal(booked.result, 'SUCCESS', JSON.stringify(booked));
    const checked = await soap.checkSession({ sessionId: 'consumer-1' });
    assert.equal(checked.result === 'SUCCESS' && checked.status, 'BOOKED', JSON.stringify(checked));
    const unknown = await rest.checkSession({ sessionId: 'no-such-session' });
    assert.equal(
      unknown.result === 'FAILED' && unknown.failReason,
      'INVALID_SESSION_ID',
      JSON.stringify(unknown),
    );
    const closed = await rest.closeSession({ sessionId: 'consumer-1' });
    assert.equal(closed.result, 'SUCCESS', JSON.stringify(closed));
    console.log('clients: REST and SOAP calls on the engine over the SQLite store answered as expected');
  } finally {
    await rest.close();
    await http.close();
    await engine.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The testkit's executable, installed in node_modules/.bin, against a live server. */
async function conformanceCli(): Promise<void> {
  const engine = await createEngine({ config: demoConfig });
  const http = await serveBoth(engine);
  try {
    const bin = join(process.cwd(), 'node_modules', '.bin', 'mcc-conformance');
    const args = ['--rest', `${http.origin}/mc/cxf/rest/json`, '--soap', `${http.origin}/mc/cxf/soap?wsdl`];
    const { stdout } = await promisify(execFile)(bin, args);
    console.log(`mcc-conformance: exit code 0, ${stdout.trim().split('\n').length} report lines`);
  } finally {
    await http.close();
    await engine.close();
  }
}

interface Case {
  name: string;
  run: () => Promise<void>;
}

/** Registers the conformance suite with a runner of our own: the testkit knows no test framework. */
function collectConformance(title: string, createTarget: (options?: TargetOptions) => Promise<MccTarget>) {
  const cases: Case[] = [];
  const path: string[] = [];
  mccConformance({
    title,
    createTarget,
    describe: (name, fn) => {
      path.push(name);
      fn();
      path.pop();
    },
    test: (name, run) => cases.push({ name: [...path, name].join(' › '), run }),
  });
  return cases;
}

async function restTarget(options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget(options);
  const http = await listen(createRestServer(target.engine));
  const client = createRestClient({ baseUrl: `${http.origin}/mc/cxf/rest/json`, retry: { retries: 0 } });
  return {
    service: client,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await client.close();
      await http.close();
      await target.close();
    },
  };
}

async function soapTarget(options?: TargetOptions): Promise<MccTarget> {
  const target = await createEngineTarget(options);
  const http = await listen(createServer(createSoapHandler(target.engine)));
  const client = createSoapClient({ wsdlUrl: `${http.origin}/mc/cxf/soap?wsdl`, retry: { retries: 0 } });
  return {
    service: client,
    control: target.control,
    clock: target.clock,
    storeFaults: target.storeFaults,
    close: async () => {
      await http.close();
      await target.close();
    },
  };
}

async function conformance(): Promise<void> {
  const cases = [
    ...collectConformance('over REST', restTarget),
    ...collectConformance('over SOAP', soapTarget),
  ];
  const failures: string[] = [];
  for (const c of cases) {
    try {
      await c.run();
    } catch (error) {
      failures.push(`${c.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  assert.deepEqual(failures, [], `conformance cases failed:\n${failures.join('\n')}`);
  assert.ok(cases.length > 100, `only ${cases.length} conformance cases were registered`);
  console.log(`conformance: ${cases.length} cases passed over REST and SOAP`);
}

assert.equal(typeof createPostgresStore, 'function');
await clientsOnSqlite();
await conformance();
await conformanceCli();
console.log('consumer: OK');
