import { type Playground, startPlayground } from '@mcc/playground/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mcc, mccProcess } from './support/run-mcc.js';

// The playground logs through pino at LOG_LEVEL: keep the test output quiet.
process.env.LOG_LEVEL = 'silent';

let playground: Playground;
let secured: Playground;
let rest: string;
let soap: string;

beforeAll(async () => {
  playground = await startPlayground({ port: 0, host: '127.0.0.1', store: 'memory:' });
  secured = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    mccCredentials: { users: { crm: 'crm-pw' }, apiKeys: ['key-1'] },
  });
  rest = `${playground.url}/mc/cxf/rest/json`;
  soap = `${playground.url}/mc/cxf/soap`;
});
afterAll(async () => {
  await playground?.close();
  await secured?.close();
});

/** The two transports, each as the CLI is told about it. */
const transports = [
  ['REST', () => ['--rest', rest]],
  ['SOAP (endpoint)', () => ['--soap', soap]],
  ['SOAP (WSDL)', () => ['--soap', `${soap}?wsdl`]],
] as const;

let n = 0;
const freshId = (name: string) => `cli-${name.replace(/\W/g, '')}-${++n}`;

describe.each(transports)('mcc over %s against the playground', (name, target) => {
  test('a session from start to close: exit codes, text and JSON output', async () => {
    const id = freshId(name);
    const started = await mcc([
      'start-session',
      ...target(),
      '--channel-id',
      '1003',
      '--serviceid',
      'SUPPORT',
      '--session-id',
      id,
    ]);
    expect(started).toEqual({ code: 0, stdout: `result: SUCCESS\nsessionId: ${id}\n`, stderr: '' });

    const checked = await mcc(['check-session', ...target(), '--session-id', id, '--json', '--strict']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual({ result: 'SUCCESS', sessionId: id, status: 'NEW' });

    const again = await mcc([
      'start-session',
      ...target(),
      '--channel-id',
      '1003',
      '--serviceid',
      'SUPPORT',
      '--session-id',
      id,
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('failReason: DUPLICATED_SESSION_ID');

    const state = await mcc([
      'get-service-state',
      ...target(),
      '--channel-id',
      '1003',
      '--service-codes',
      'SUPPORT',
      '--service-codes',
      'NOPE',
    ]);
    expect(state.code).toBe(0);
    expect(state.stdout).toContain('state.SUPPORT: ');
    expect(state.stdout).toContain('state.NOPE: UNKNOWN_SERVICE');

    const closed = await mcc([
      'close-session',
      ...target(),
      '--session-id',
      id,
      '--reason',
      'REQUEST_FROM_CALLER',
    ]);
    expect(closed.code).toBe(0);
  });

  test('wait: ASSIGNED once the agent answers; a CLOSED session settles at once (exit 1)', async () => {
    const id = freshId(name);
    await mcc([
      'start-session',
      ...target(),
      '--channel-id',
      '1003',
      '--serviceid',
      'SUPPORT',
      '--session-id',
      id,
    ]);
    expect((await mcc(['session-accept', ...target(), '--session-id', id, '--user', 'bob'])).code).toBe(0);
    const waiting = mcc([
      'wait',
      ...target(),
      '--session-id',
      id,
      '--status',
      'ASSIGNED',
      '--interval',
      '10',
      '--json',
    ]);
    const answered = await fetch(`${playground.url}/api/sessions/${id}/accept`, { method: 'POST' });
    expect(answered.status).toBe(200);
    const reached = await waiting;
    expect(reached.code).toBe(0);
    expect(JSON.parse(reached.stdout)).toMatchObject({
      result: 'SUCCESS',
      sessionId: id,
      status: 'ASSIGNED',
      username: 'bob',
    });

    await mcc(['close-session', ...target(), '--session-id', id]);
    const unreachable = await mcc([
      'wait',
      ...target(),
      '--session-id',
      id,
      '--status',
      'QUEUED,ASSIGNED',
      '--max-wait',
      '60000',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^mcc: WAIT_UNREACHABLE: session .* is CLOSED/);
  });

  test('watch: every status change until the session closes', async () => {
    const id = freshId(name);
    await mcc([
      'start-session',
      ...target(),
      '--channel-id',
      '1003',
      '--serviceid',
      'SUPPORT',
      '--session-id',
      id,
    ]);
    const watching = mcc(['watch', ...target(), '--session-id', id, '--interval', '10', '--json']);
    // Let the watcher see NEW before anything changes.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await mcc(['session-accept', ...target(), '--session-id', id, '--user', 'bob']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await mcc(['close-session', ...target(), '--session-id', id]);
    const watched = await watching;
    expect(watched.code).toBe(0);
    const statuses = watched.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { status: string }).status);
    expect(statuses[0]).toBe('NEW');
    expect(statuses.at(-1)).toBe('CLOSED');
    expect(statuses).toContain('BOOKED');
  });

  test('--raw shows the HTTP exchange', async () => {
    const shown = await mcc(['check-session', ...target(), '--session-id', 'nobody', '--raw']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(/^> (GET|POST) http:\/\/127\.0\.0\.1:\d+\/mc\/cxf\//);
    expect(shown.stdout).toMatch(/\n< HTTP 200\n/);
    expect(shown.stdout).toContain('failReason: INVALID_SESSION_ID');
  });
});

describe('mcc documents and errors', () => {
  test('wsdl and openapi print the documents', async () => {
    const wsdl = await mcc(['wsdl', '--soap', soap]);
    expect(wsdl.code).toBe(0);
    expect(wsdl.stdout).toContain('<wsdl:definitions');
    expect(wsdl.stdout).toContain(`location="${soap}"`);
    const openapi = await mcc(['openapi', '--rest', rest]);
    expect(openapi.code).toBe(0);
    expect(JSON.parse(openapi.stdout)).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });

  test('credentials come from the environment', async () => {
    const secure = `${secured.url}/mc/cxf/rest/json`;
    const denied = await mcc(['check-session', '--rest', secure, '--session-id', 'x']);
    expect(denied.code).toBe(3);
    expect(denied.stderr).toMatch(/^mcc: UNAUTHORIZED: /);
    const basic = await mcc(['check-session', '--rest', secure, '--session-id', 'x'], {
      MCC_USERNAME: 'crm',
      MCC_PASSWORD: 'crm-pw',
    });
    expect(basic.code).toBe(1);
    const soapBasic = await mcc(
      ['check-session', '--soap', `${secured.url}/mc/cxf/soap`, '--session-id', 'x'],
      {
        MCC_USERNAME: 'crm',
        MCC_PASSWORD: 'crm-pw',
      },
    );
    expect(soapBasic.code).toBe(1);
    const bearer = await mcc(['check-session', '--rest', secure, '--session-id', 'x', '--raw'], {
      MCC_TOKEN: 'key-1',
    });
    expect(bearer.code).toBe(1);
    expect(bearer.stdout).toContain('> authorization: Bearer [redacted]');
    expect(bearer.stdout).not.toContain('key-1');
    expect(
      (await mcc(['check-session', '--rest', secure, '--session-id', 'x'], { MCC_USERNAME: 'crm' })).stderr,
    ).toContain('MCC_PASSWORD');
  });

  test('usage errors exit 2 with a clear message, fast', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['check-session', '--rest', rest], /check-session needs --session-id/],
      [['check-session', '--session-id', 'x'], /give the MCC to call/],
      [['check-session', '--rest', rest, '--soap', soap, '--session-id', 'x'], /not both/],
      [['start-session', '--rest', rest, '--channel-id', 'two', '--serviceid', 'A'], /--channel-id: /],
      [
        ['close-session', '--rest', rest, '--session-id', 'x', '--reason', 'BORED'],
        /one of REQUEST_FROM_CALLER/,
      ],
      [['check-session', '--rest', 'ftp://x', '--session-id', 'x'], /not an http\(s\) URL/],
      [['check-session', '--rest', rest, '--sessionid', 'x'], /Unknown option/],
      [['wait', '--rest', rest, '--session-id', 'x', '--status', 'DONE'], /"DONE" is not one of/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['wsdl', '--rest', rest], /takes --soap/],
    ];
    for (const [args, message] of cases) {
      const run = await mcc(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  test('a protocol error exits 3: nobody listening', async () => {
    const down = await mcc([
      'check-session',
      '--rest',
      'http://127.0.0.1:9/mc/cxf/rest/json',
      '--session-id',
      'x',
      '--json',
    ]);
    expect(down.code).toBe(3);
    expect(JSON.parse(down.stdout)).toMatchObject({ error: { code: 'NETWORK_ERROR' } });
  });

  test('the executable: --help, a call and its exit code, as a child process', async () => {
    const help = await mccProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mcc <command>/);
    expect(help.stdout).toContain('check-session-with-data');
    const failed = await mccProcess([
      'check-session',
      '--soap',
      `${soap}?wsdl`,
      '--session-id',
      'nobody',
      '--json',
    ]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ result: 'FAILED', failReason: 'INVALID_SESSION_ID' });
    const usage = await mccProcess([]);
    expect(usage.code).toBe(2);
  });
});
