import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../src/logger.js';
import { type Playground, startPlayground } from '../src/server.js';

const run = promisify(execFile);
const playgroundDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(playgroundDir, '../..');
const README_ADDRESS = '127.0.0.1:8080';
/** Tests run on the sources: the tour's built CLI is run from its TypeScript source instead. */
const BUILT_CLI = 'node packages/testkit/dist/cli/main.js';
const SOURCE_CLI = 'node --conditions=mcc-source --import tsx packages/testkit/src/cli/main.ts';

/** A step of the tour: a ```sh or ```ts block and the answer block right after it. */
interface Step {
  lang: 'sh' | 'ts';
  code: string;
  answer: { lang: 'json' | 'xml' | 'text'; body: string };
}

function tourSteps(): Step[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## 5-minute tour');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] as string,
    body: m[2]!.trimEnd(),
  }));
  const steps: Step[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.lang !== 'sh' && block.lang !== 'ts') continue;
    const answer = blocks[i + 1];
    if (!answer || !['json', 'xml', 'text'].includes(answer.lang))
      throw new Error(
        `the tour's ${block.lang} block "${block.body.split('\n')[0]}" has no answer block after it`,
      );
    steps.push({ lang: block.lang, code: block.body, answer: answer as Step['answer'] });
  }
  return steps;
}

/** Lines of `expected` must appear in `actual` in that order; a `…` line stands for any lines. */
function expectLinesInOrder(actual: string, expected: string): void {
  const lines = actual.split('\n');
  let at = 0;
  for (const line of expected.split('\n')) {
    if (line === '…') continue;
    const found = lines.indexOf(line, at);
    expect(found, `line not found (in order): ${line}\n--- output:\n${actual}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

const steps = tourSteps();
let playground: Playground;
let address: string;

beforeAll(async () => {
  playground = await startPlayground({
    port: 0,
    host: '127.0.0.1',
    store: 'memory:',
    logger: createLogger('silent'),
  });
  address = new URL(playground.url).host;
});
afterAll(async () => {
  await playground?.close();
});

describe('the README 5-minute tour', () => {
  test('has REST and SOAP curl calls, both clients, and mcc-conformance on both endpoints', () => {
    const code = steps.map((s) => s.code).join('\n');
    expect(code).toContain(`curl -s 'http://${README_ADDRESS}/mc/cxf/rest/json/startSession?`);
    expect(code).toContain(`curl -s http://${README_ADDRESS}/mc/cxf/soap `);
    expect(code).toContain("from '@mcc/rest-transport/client'");
    expect(code).toContain("from '@mcc/soap-transport/client'");
    expect(code).toContain(`${BUILT_CLI} --rest http://${README_ADDRESS}/mc/cxf/rest/json`);
    expect(code).toContain(`--soap 'http://${README_ADDRESS}/mc/cxf/soap?wsdl'`);
  });

  // In README order, against one playground: the steps build on each other (session tour-1).
  test.each(steps.map((s, i) => [i + 1, s.code.split('\n')[0], s] as const))(
    '%i: %s',
    async (_i, _first, step) => {
      const code = step.code.replaceAll(README_ADDRESS, address);
      let stdout: string;
      if (step.lang === 'sh') {
        ({ stdout } = await run('sh', ['-c', code.replace(BUILT_CLI, SOURCE_CLI)], { cwd: root }));
      } else {
        // Under apps/playground/node_modules, so that the snippet's imports resolve as in a project
        // that has the transports installed.
        const dir = mkdtempSync(join(playgroundDir, 'node_modules', '.readme-tour-'));
        try {
          writeFileSync(join(dir, 'tour.mts'), code);
          ({ stdout } = await run(
            process.execPath,
            ['--conditions=mcc-source', '--import', 'tsx', join(dir, 'tour.mts')],
            { cwd: playgroundDir },
          ));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const expected = step.answer.body.replaceAll(README_ADDRESS, address);
      if (step.answer.lang === 'json') expect(JSON.parse(stdout)).toMatchObject(JSON.parse(expected));
      else if (step.answer.lang === 'xml') expect(stdout.trim()).toBe(expected.replace(/>\s+</g, '><'));
      else expectLinesInOrder(stdout, expected);
    },
    120_000,
  );
});
