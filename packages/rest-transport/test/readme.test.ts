import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { createEngineTarget, type EngineTarget } from '@mcc/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Listening, serveRest } from './support/listen.js';

const run = promisify(execFile);
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const PLAYGROUND = '127.0.0.1:8080';

/** A curl example of the README: the ```sh block and the block right after it, if it is its answer. */
interface Example {
  command: string;
  expected?: { lang: 'json' | 'text'; body: string };
}

function examples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```(?:\s*```(json|text)\n([\s\S]*?)```)?/g)];
  return blocks
    .filter((m) => m[1] === 'sh')
    .map((m) => ({
      command: m[2]!.trim(),
      ...(m[3] ? { expected: { lang: m[3] as 'json' | 'text', body: m[4]!.trim() } } : {}),
    }));
}

const list = examples(README);
let target: EngineTarget;
let server: Listening;

beforeAll(async () => {
  target = await createEngineTarget();
  server = await serveRest(target.engine);
});
afterAll(async () => {
  await server.close();
  await target.close();
});

describe('README curl examples', () => {
  test('there are examples, every one against the playground address, with its answer', () => {
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const example of list) {
      expect(example.command).toMatch(/^curl /);
      expect(example.command).toContain(`http://${PLAYGROUND}/mc/cxf/rest`);
      expect(example.expected, example.command).toBeDefined();
    }
  });

  // In README order: the examples build on each other (one session, chat-42).
  test.each(list.map((e, i) => [i + 1, e.command.split('\n')[0], e] as const))(
    '%i: %s',
    async (_i, _first, example) => {
      const here = `127.0.0.1:${server.port}`;
      const { stdout } = await run('sh', ['-c', example.command.replaceAll(PLAYGROUND, here)]);
      const expected = example.expected!;
      if (expected.lang === 'json') {
        expect(JSON.parse(stdout)).toMatchObject(JSON.parse(expected.body));
      } else {
        expect(stdout.trim()).toBe(expected.body.replaceAll(PLAYGROUND, here));
      }
    },
  );
});
