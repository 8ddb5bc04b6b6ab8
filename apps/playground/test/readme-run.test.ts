import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The run command as the README gives it, minus the install step the test run already did. */
function readmeRunCommand(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.includes('pnpm@10 install') && l.includes('start'));
  if (!line) throw new Error('README has no install-and-start command');
  return line.trim().split('&&')[1]?.trim() ?? '';
}

describe('the README run command', () => {
  test('brings the server up with the demo contact center, answering REST and SOAP, and stops on SIGTERM', async ({
    signal: cancelled,
  }) => {
    const command = readmeRunCommand();
    expect(command).toBe('npx -y pnpm@10 start');
    const run = await startInGroup(command, cancelled, 'warn');
    const { url } = run;
    try {
      const started = (await (
        await fetch(`${url}/mc/cxf/rest/json/startSession?channelId=1003&serviceid=SUPPORT`)
      ).json()) as { sessionId: string };
      expect(started).toMatchObject({ result: 'SUCCESS' });
      const envelope = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><checkSessionState xmlns="http://mcc.tvox.it/"><sessionId>${started.sessionId}</sessionId></checkSessionState></soap:Body></soap:Envelope>`;
      const wsdl = await (await fetch(`${url}/mc/cxf/soap?wsdl`)).text();
      const namespace = /targetNamespace="([^"]+)"/.exec(wsdl)?.[1] ?? '';
      const soap = await fetch(`${url}/mc/cxf/soap`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: envelope.replace('http://mcc.tvox.it/', namespace),
      });
      const xml = await soap.text();
      expect(soap.status).toBe(200);
      expect(xml).toContain('<status>NEW</status>');
      const state = (await (
        await fetch(`${url}/mc/cxf/rest/json/getServiceState?channelId=1003&serviceCodes=SUPPORT,BILLING`)
      ).json()) as { state: unknown };
      expect(state.state).toEqual({ SUPPORT: 'ACTIVE', BILLING: 'OUT_OF_SERVICE' });
    } finally {
      process.kill(-(run.child.pid as number), 'SIGTERM');
    }
    const { code } = await run.exited;
    expect(run.output()).not.toMatch(/Error|error:/);
    expect([0, 143, null]).toContain(code);
  }, 180_000);
});

/**
 * Starts `command` as a terminal would (its own process group), once it prints its URL. When
 * vitest cancels the test (its time limit), the group is killed: nobody waits for it, and it would
 * go on building or serving beside the next tests.
 */
async function startInGroup(command: string, cancelled: AbortSignal, logLevel = 'info') {
  const child = spawn('sh', ['-c', command], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: '0',
      MCC_STORE: `sqlite:${mkdtempSync(join(tmpdir(), 'mcc-run-'))}`,
      LOG_LEVEL: logLevel,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cancelled.addEventListener('abort', () => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // The group has already ended.
    }
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('exit', (code, signal) => ok({ code, signal })),
  );
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const url = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /MCC playground: (http:\/\/[^/\s]+)\//.exec(output);
      if (match?.[1]) ok(match[1]);
    });
    exited.then(({ code }) => fail(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, exited, output: () => output };
}

describe('Ctrl-C', () => {
  // A terminal's Ctrl-C sends SIGINT to the whole foreground process group: npx, pnpm, the shells
  // between them and the server. The server stops cleanly; nothing may look like a crash.
  test('on the README run command: a clean stop, no pnpm error', async ({ signal: cancelled }) => {
    const run = await startInGroup(readmeRunCommand(), cancelled);
    expect((await fetch(`${run.url}/healthz`)).status).toBe(200);
    process.kill(-(run.child.pid as number), 'SIGINT');
    const { code, signal } = await run.exited;
    expect(run.output()).toContain('"msg":"stopped"');
    expect(run.output()).not.toMatch(/ERR_PNPM|ELIFECYCLE|Command failed|Error/);
    // npm (npx) re-raises a Ctrl-C it was sent on itself once its child is done, as a shell does:
    // the shell then shows nothing. Anything else must be a zero exit.
    expect(code === 0 || signal === 'SIGINT', `code ${code}, signal ${signal}`).toBe(true);
  }, 240_000);

  test('on pnpm start: exit 0', async ({ signal: cancelled }) => {
    const pnpm = process.env.npm_execpath?.includes('pnpm')
      ? `"${process.execPath}" "${process.env.npm_execpath}"`
      : 'pnpm';
    const run = await startInGroup(`exec ${pnpm} start`, cancelled);
    process.kill(-(run.child.pid as number), 'SIGINT');
    const { code, signal } = await run.exited;
    expect(run.output()).not.toMatch(/ERR_PNPM|ELIFECYCLE|Command failed|Error/);
    expect(run.output()).toContain('"msg":"stopped"');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  }, 240_000);
});
