import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { readJson, root, run } from './workspace.js';

/**
 * The packed packages installed with npm into a project in a temporary directory (outside the
 * workspace: nothing resolves to the sources or to the workspace's node_modules), then the
 * consumer in consumer/ type-checked with moduleResolution node16 and bundler, and run.
 */
const tarballs = inject('tarballs');
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
let project = '';

/** The version of `name` that the workspace package in `from` resolves. */
function workspaceVersion(name: string, from: string): string {
  return readJson(createRequire(join(root, from, 'package.json')).resolve(`${name}/package.json`)).version;
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'mcc-consumer-'));
  cpSync(fileURLToPath(new URL('consumer', import.meta.url)), project, { recursive: true });
  const dependencies = Object.fromEntries(
    Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]),
  );
  const betterSqlite = workspaceVersion('better-sqlite3', 'packages/store-sqlite');
  const manifest = {
    name: 'mcc-consumer',
    private: true,
    type: 'module',
    dependencies,
    // What a TypeScript user of these packages installs beside them: only Node's types. The
    // types of cors and pg, which the public types of @mcc/rest-transport and @mcc/store-postgres
    // import, come with those packages (dependencies, not devDependencies).
    devDependencies: {
      '@types/node': workspaceVersion('@types/node', '.'),
    },
    overrides: {
      // Every @mcc/* dependency of a packed package is the packed one, never a registry lookup.
      ...Object.fromEntries(Object.keys(tarballs).map((name) => [name, `$${name}`])),
      // The version whose native binary the workspace built (see below).
      'better-sqlite3': betterSqlite,
    },
  };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const installed = await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: project,
    timeoutMs: 600_000,
  });
  expect(installed.code, installed.output).toBe(0);
  // better-sqlite3's install script downloads a prebuilt binary from its release host, which this
  // machine cannot reach, and then compiles SQLite for minutes. The binary the workspace's own
  // install built, for the same version and the same Node.js, stands in for that download.
  const addon = join('build', 'Release', 'better_sqlite3.node');
  const from = dirname(
    createRequire(join(root, 'packages/store-sqlite/package.json')).resolve('better-sqlite3/package.json'),
  );
  mkdirSync(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  copyFileSync(join(from, addon), join(project, 'node_modules', 'better-sqlite3', addon));
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the consumer type-checks with moduleResolution node16 (and is compiled for the run)', async () => {
  const compiled = await run(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], { cwd: project });
  expect(compiled.code, compiled.output).toBe(0);
});

test('the consumer type-checks with moduleResolution bundler', async () => {
  const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], { cwd: project });
  expect(checked.code, checked.output).toBe(0);
});

test('the consumer runs: both clients, the engine on SQLite, the conformance suite and CLI', async () => {
  const ran = await run(process.execPath, ['dist/main.js'], { cwd: project, timeoutMs: 240_000 });
  expect(ran.code, ran.output).toBe(0);
  expect(ran.stdout).toMatch(/^conformance: \d+ cases passed over REST and SOAP$/m);
  expect(ran.stdout).toContain('mcc-conformance: exit code 0');
  expect(ran.stdout.trim().split('\n').at(-1)).toBe('consumer: OK');
});

test('CommonJS code loads every entry point with require(esm)', async () => {
  const ran = await run(process.execPath, ['src/require-esm.cjs'], { cwd: project });
  expect(ran.code, ran.output).toBe(0);
  expect(ran.stdout).toContain('require(esm): 11 entry points loaded');
});
