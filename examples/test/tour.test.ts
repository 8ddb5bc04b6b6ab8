import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from './run.js';
import { type LocalMcc, serveLocalMcc } from './serve.js';

// The README's tour, step 3, run as written: `pnpm --filter examples tour` against a local MCC.
const here = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const tour = readFileSync(new URL('../tour.mts', import.meta.url), 'utf8');
let mcc: LocalMcc;

beforeAll(async () => {
  mcc = await serveLocalMcc();
});
afterAll(() => mcc?.close());

test("the README's step 3 shows examples/tour.mts as it is", () => {
  const step3 = readme.slice(readme.indexOf('**3. The clients.**'), readme.indexOf('**4. '));
  const block = /```ts\n([\s\S]*?)```/.exec(step3)?.[1];
  expect(block).toBe(tour);
  expect(step3).toContain('pnpm --filter examples tour');
});

test('pnpm --filter examples tour prints the new session status', async () => {
  const ran = await run('pnpm', ['--filter', 'examples', 'tour'], {
    cwd: here,
    env: { ...process.env, MCC_ORIGIN: mcc.origin },
  });
  expect(ran.code, ran.output).toBe(0);
  expect(ran.stdout.trim().split('\n').at(-1)).toBe('NEW');
});
