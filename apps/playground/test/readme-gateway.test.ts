import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verifyWebhook, WEBHOOK_HEADERS, type WebhookEvent } from '@mcc/gateway';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, startPlayground } from '../src/server.js';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const START = 'npx -y pnpm@10 start';
/** Tests run on the sources: `pnpm start` (build, then dist/main.js) is run from the TypeScript source. */
const FROM_SOURCE = 'exec node --conditions=mcc-source --import tsx apps/playground/src/main.ts';
const GATEWAY_ADDRESS = '127.0.0.1:8081';
const TVOX = 'https://tvox.example.com';
const RECEIVER = 'http://127.0.0.1:9000/mcc';

/**
 * The README tour's "In front of your TVox" part: its ```shell blocks (the tour's own runner runs
 * the ```sh ones) each with the answer block after it.
 */
function steps(): Array<{ code: string; answer: { lang: string; body: string } }> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('**5. In front of your TVox.**');
  const end = readme.indexOf('The steps of this part are run', start);
  expect(start, 'README has the "In front of your TVox" part of the tour').toBeGreaterThan(0);
  const blocks = [...readme.slice(start, end).matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] as string,
    body: m[2]!.trimEnd(),
  }));
  const out = [];
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i]!.lang !== 'shell') continue;
    const answer = blocks[i + 1];
    if (!answer || answer.lang === 'shell') throw new Error(`no answer after: ${blocks[i]!.body}`);
    out.push({ code: blocks[i]!.body, answer });
  }
  return out;
}

let tvox: Playground;
let work: string;
const received: WebhookEvent[] = [];
let badSignatures = 0;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const header = req.headers[WEBHOOK_HEADERS.signature];
    if (
      verifyWebhook({ secret: 'hook-secret', header: typeof header === 'string' ? header : undefined, body })
    )
      received.push(JSON.parse(body));
    else badSignatures++;
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  // The TVox: a second playground that only lets the gateway's credentials in.
  tvox = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    logger: createLogger('silent'),
    mccCredentials: { users: { mcc: 'secret' }, apiKeys: [] },
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  work = mkdtempSync(join(tmpdir(), 'mcc-readme-gateway-'));
});
afterAll(async () => {
  await tvox?.close();
  receiver.closeAllConnections();
  await new Promise((ok) => receiver.close(ok));
  rmSync(work, { recursive: true, force: true });
});

/** Starts a server block in the background; resolves with its address once it listens. */
function startServer(code: string): Promise<{ child: ChildProcess; address: string; output: () => string }> {
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mcc`;
  const command = code
    .replace(START, FROM_SOURCE)
    .replace('--port 8081', '--port 0')
    .replace(TVOX, tvox.url)
    .replace(RECEIVER, receiverUrl)
    .replaceAll('$PWD', work);
  const child = spawn('sh', ['-c', command], {
    cwd: root,
    detached: true,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((ok, fail) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /MCC playground: http:\/\/([^/\s]+)\//.exec(output);
      if (match?.[1]) ok({ child, address: match[1], output: () => output });
    });
    child.on('exit', (code) => fail(new Error(`${command}\nexited with ${code}:\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  process.kill(-(child.pid as number), 'SIGTERM');
  await exited;
}

test('the README "In front of your TVox" steps answer as shown', async () => {
  const all = steps();
  expect(all.filter((s) => s.code.includes(START))).toHaveLength(2);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    for (const step of all) {
      if (step.code.includes(START)) {
        if (server) {
          await stop(server.child);
          // What the gateway did before it stopped: webhooks delivered, the chat recorded.
          expect(received.map((e) => [e.type, e.sessionId, e.status])).toEqual([
            ['session.started', 'trial-1', 'NEW'],
            ['session.status', 'trial-1', 'CLOSED'],
          ]);
          expect(badSignatures).toBe(0);
          const recording = join(work, 'recordings/trial-1');
          expect(readdirSync(recording).sort()).toEqual(['recording.json', 'session-0001.json']);
          // The upstream's credentials (HTTP Basic mcc:secret) are nowhere in the recording.
          for (const file of readdirSync(recording)) {
            const text = readFileSync(join(recording, file), 'utf8').toLowerCase();
            for (const secret of ['secret', Buffer.from('mcc:secret').toString('base64'), 'authorization'])
              expect(text, file).not.toContain(secret.toLowerCase());
          }
        }
        server = await startServer(step.code);
        expect(server.output()).toContain(step.answer.body.replace(GATEWAY_ADDRESS, server.address));
        continue;
      }
      if (!server) throw new Error('a curl step before any server step');
      const { stdout } = await run('sh', ['-c', step.code.replaceAll(GATEWAY_ADDRESS, server.address)], {
        cwd: work,
      });
      expect(stdout, step.code).toBe(step.answer.body);
    }
    // The session went to the TVox, through its credentials.
    expect(await tvox.engine.control.getSession('trial-1')).toMatchObject({ status: 'CLOSED' });
  } finally {
    if (server) await stop(server.child);
  }
}, 60_000);
