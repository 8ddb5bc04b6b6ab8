import { describe, expect, test } from 'vitest';
import { parseCliArgs, USAGE, UsageError } from '../src/cli/args.js';
import { runCli } from '../src/index.js';

const REST = 'http://127.0.0.1:8080/mc/cxf/rest/json';
const WSDL = 'http://127.0.0.1:8080/mc/cxf/soap?wsdl';

function usageError(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseCliArgs(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('mcc-conformance arguments', () => {
  test('read-only by default; write mode with both a service and a channel', () => {
    expect(parseCliArgs(['--rest', REST, '--soap', WSDL], {})).toEqual({
      rest: REST,
      soap: WSDL,
      json: false,
      timeoutMs: 10_000,
      strict: false,
      help: false,
    });
    expect(
      parseCliArgs(
        [
          '--soap',
          WSDL,
          '--write-service',
          'TEST',
          '--write-channel',
          '2',
          '--json',
          '--timeout',
          '500',
          '--strict',
        ],
        {},
      ),
    ).toEqual({
      soap: WSDL,
      write: { channelId: 2, serviceid: 'TEST' },
      json: true,
      timeoutMs: 500,
      strict: true,
      help: false,
    });
  });

  test('credentials: --username with the password from MCC_PASSWORD', () => {
    expect(
      parseCliArgs(['--rest', REST, '--username', 'ops'], { MCC_PASSWORD: 's3cret' }).credentials,
    ).toEqual({
      username: 'ops',
      password: 's3cret',
    });
    expect(usageError(['--rest', REST, '--username', 'ops'])).toBe(
      '--username needs the password in the MCC_PASSWORD variable',
    );
  });

  test('every mistake is named', () => {
    expect(usageError([])).toBe('nothing to check: give --rest <url>, --soap <wsdl-url> or both');
    expect(usageError(['--rest', 'localhost:8080'])).toBe('--rest: "localhost:8080" is not an http(s) URL');
    expect(usageError(['--soap', 'nope'])).toBe('--soap: "nope" is not a URL (expected http://host:port/…)');
    expect(usageError(['--rest', REST, '--write-channel', '1003'])).toBe(
      'write mode needs both --write-service <code> and --write-channel <id>',
    );
    expect(usageError(['--rest', REST, '--write-service', ' ', '--write-channel', '1003'])).toBe(
      '--write-service: the service code is blank',
    );
    expect(usageError(['--rest', REST, '--write-service', 'S', '--write-channel', 'LiveHelp'])).toBe(
      '--write-channel: "LiveHelp" is not a positive integer',
    );
    expect(usageError(['--rest', REST, '--timeout', '0'])).toBe('--timeout: "0" is not a positive integer');
    expect(usageError(['--rest'])).toMatch(/--rest/);
    expect(usageError(['--rest', REST, '--verbose'])).toMatch(/Unknown option '--verbose'/);
    expect(usageError(['--rest', REST, 'extra'])).toMatch(/extra/);
  });
});

describe('runCli', () => {
  function capture() {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
    };
  }

  test('--help prints the usage and exits 0', async () => {
    const { out, io } = capture();
    expect(await runCli(['--help'], {}, io)).toBe(0);
    expect(out.stdout).toBe(USAGE);
    expect(USAGE).toContain('--write-service <code>');
  });

  test('an endpoint that does not answer: its probe fails, its cases are not run, exit 1', async () => {
    const { out, io } = capture();
    // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    const code = await runCli(['--rest', 'http://127.0.0.1:9/mc/cxf/rest/json', '--json'], {}, io);
    expect(code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report.results[0]).toMatchObject({
      endpoint: 'REST',
      group: 'endpoint',
      status: 'failed',
      error: expect.stringMatching(/^NETWORK_ERROR: /),
    });
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.notRun).toBeGreaterThan(10);
  });
});
