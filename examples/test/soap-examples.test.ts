import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from './run.js';
import { type LocalMcc, serveLocalMcc } from './serve.js';

// The tour's flow with each foreign SOAP stack of the interop matrix, as docs/interop.md shows it:
// each examples/soap/<stack>/run.sh generates its client from the served WSDL where the stack
// needs it, builds it, and runs the flow (start a session, read its state, close it).
const STACKS = ['zeep', 'suds', 'php', 'soap-lite', 'soap-wsdl', 'gsoap', 'mono', 'jaxws'];
const examples = fileURLToPath(new URL('../soap/', import.meta.url));
const guide = readFileSync(new URL('../../docs/interop.md', import.meta.url), 'utf8');
let mcc: LocalMcc;

beforeAll(async () => {
  mcc = await serveLocalMcc();
});
afterAll(() => mcc?.close());

/** The fenced block right after the `<!-- examples/… -->` marker naming `file` in docs/interop.md. */
function shownInGuide(file: string): string | undefined {
  const marker = `<!-- examples/soap/${file} -->`;
  const at = guide.indexOf(marker);
  if (at < 0) return undefined;
  return /```\w*\n([\s\S]*?)```/.exec(guide.slice(at + marker.length))?.[1];
}

describe.each(STACKS)('%s', (stack) => {
  test('docs/interop.md shows its run.sh and its client as they are', async () => {
    for (const file of await readdir(join(examples, stack))) {
      expect(shownInGuide(`${stack}/${file}`), `${stack}/${file}`).toBe(
        readFileSync(join(examples, stack, file), 'utf8'),
      );
    }
  });

  test('run.sh prints the new session status', async () => {
    const dir = await mkdtemp(join(tmpdir(), `mcc-example-${stack}-`));
    try {
      await cp(join(examples, stack), dir, { recursive: true });
      const ran = await run('sh', ['run.sh', `${mcc.origin}/mc/cxf/soap?wsdl`], { cwd: dir });
      expect(ran.code, ran.output).toBe(0);
      expect(ran.stdout.trim().split('\n').at(-1), ran.output).toBe('NEW');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
