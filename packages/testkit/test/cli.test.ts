import { type MccService, operationNames } from '@mcc/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEngineTarget, type EngineTarget, type LiveReport, liveCases } from '../src/index.js';
import { runCliProcess } from './support/run-cli.js';
import { type Serving, serveRest, serveSoap } from './support/serve.js';

const readOnlyCases = liveCases('read-only').length;
const writeCases = liveCases('write').length;

/** The engine's service with closeSession answering GENERIC where the contract says NOT_FOUND. */
function wrongNotFound(service: MccService): MccService {
  const broken = Object.fromEntries(
    operationNames.map((op) => [op, service[op].bind(service)]),
  ) as MccService;
  broken.closeSession = async (request, options) => {
    const result = await service.closeSession(request, options);
    return result.result === 'FAILED' && result.failReason === 'NOT_FOUND'
      ? { ...result, failReason: 'GENERIC' }
      : result;
  };
  return broken;
}

let mcc: EngineTarget;
let rest: Serving;
let soap: Serving;
let restUrl: string;
let wsdlUrl: string;

beforeAll(async () => {
  mcc = await createEngineTarget();
  rest = await serveRest(mcc.engine);
  soap = await serveSoap(mcc.engine);
  restUrl = `${rest.origin}/mc/cxf/rest/json`;
  wsdlUrl = `${soap.origin}/mc/cxf/soap?wsdl`;
});
afterAll(async () => {
  await rest?.close();
  await soap?.close();
  await mcc?.close();
});

describe('mcc-conformance against a real REST and SOAP server', () => {
  test('read-only: a table of every case on both endpoints, exit 0, and nothing changed in the MCC', async () => {
    const before = (await mcc.control.readEvents(0, 10_000)).length;
    // Our own servers: read strictly, so a deviation from the contract fails a case.
    const run = await runCliProcess(['--rest', restUrl, '--soap', wsdlUrl, '--strict']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^MCC conformance, read-only/);
    expect(lines).toContain(`  REST  ${restUrl}`);
    expect(lines).toContain(`  SOAP  ${wsdlUrl}`);
    expect(lines).toContain('  REST  SOAP  case');
    expect(lines).toContain('  ok    ok    closeSession › NOT_FOUND for an unknown session');
    expect(lines.filter((l) => l.startsWith('  ok    ok    '))).toHaveLength(readOnlyCases + 1);
    expect(run.stdout).toContain(
      `${readOnlyCases + 1} checks on 2 endpoints: ${2 * (readOnlyCases + 1)} passed, 0 failed`,
    );
    expect(await mcc.control.readEvents(0, 10_000)).toHaveLength(before);
  }, 120_000);

  test('write mode with --json: every case passed, and every session it started is closed', async () => {
    const run = await runCliProcess([
      '--rest',
      restUrl,
      '--soap',
      wsdlUrl,
      '--write-service',
      'SUPPORT',
      '--write-channel',
      '1003',
      '--json',
      '--strict',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as LiveReport;
    expect(report).toMatchObject({
      mode: 'write',
      write: { channelId: 1003, serviceid: 'SUPPORT' },
      endpoints: [
        { name: 'REST', url: restUrl },
        { name: 'SOAP', url: wsdlUrl },
      ],
      passed: 2 * (writeCases + 1),
      failed: 0,
      notRun: 0,
      unclosed: [],
    });
    expect(report.results.map((r) => r.status).every((s) => s === 'passed')).toBe(true);
    const started = await mcc.control.listSessions({ channelId: 1003 });
    expect(started.length).toBeGreaterThanOrEqual(2 * 9);
    expect(started.every((s) => s.status === 'CLOSED')).toBe(true);
  }, 120_000);

  test('a server that answers a wrong fail reason: exit 1, the failing case and the reason named', async () => {
    const target = await createEngineTarget();
    const broken = await serveRest(wrongNotFound(target.engine));
    try {
      const run = await runCliProcess(['--rest', `${broken.origin}/mc/cxf/rest/json`]);
      expect(run.code).toBe(1);
      const lines = run.stdout.split('\n');
      expect(lines).toContain('  FAIL  closeSession › NOT_FOUND for an unknown session');
      expect(lines).toContain('  REST  closeSession › NOT_FOUND for an unknown session');
      expect(run.stdout).toContain('expected NOT_FOUND, got {"result":"FAILED","failReason":"GENERIC"');
      expect(run.stdout).toContain(
        `${readOnlyCases + 1} checks on 1 endpoint: ${readOnlyCases} passed, 1 failed`,
      );
    } finally {
      await broken.close();
      await target.close();
    }
  }, 120_000);

  test('usage errors: exit 2 with the reason on stderr and nothing on stdout', async () => {
    const none = await runCliProcess([]);
    expect(none).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'mcc-conformance: nothing to check: give --rest <url>, --soap <wsdl-url> or both\n' +
        'Run mcc-conformance --help for the options.\n',
    });
    const half = await runCliProcess(['--rest', restUrl, '--write-service', 'SUPPORT']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('write mode needs both --write-service <code> and --write-channel <id>');
    expect(half.stdout).toBe('');
  }, 120_000);
});
