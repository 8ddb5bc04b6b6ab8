import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listenRestMatrix, type RestMatrix } from './rest-matrix-server.js';

// The OpenAPI document the server serves (with credentials configured, so security schemes
// included), linted as an integrator's CI would: Redocly CLI and Spectral with their recommended
// rule sets. Clean means no error and no warning.
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

function run(file: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`${file}: ${error.message}\n${stderr}`));
        else
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

let server: RestMatrix;
let dir: string;

beforeAll(async () => {
  server = await listenRestMatrix();
  dir = await mkdtemp(join(tmpdir(), 'mcc-lint-'));
  await writeFile(
    join(dir, 'openapi.json'),
    await (await fetch(`${server.origin}/mc/cxf/rest/openapi.json`)).text(),
  );
  await writeFile(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
  await writeFile(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the served OpenAPI document lints clean', () => {
  test('Redocly CLI (recommended): no error, no warning', async () => {
    const linted = await run(
      bin('redocly'),
      ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'stylish'],
      dir,
    );
    expect(linted.code, linted.output).toBe(0);
    expect(linted.output, linted.output).not.toMatch(/\d+ (error|warning)s?\b/);
  });

  test('Spectral (spectral:oas): no problem of any severity', async () => {
    const linted = await run(
      bin('spectral'),
      ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'hint'],
      dir,
    );
    expect(linted.code, linted.output).toBe(0);
    expect(linted.output).toContain('No results with a severity of');
  });
});
