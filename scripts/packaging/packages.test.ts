import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { type Publishable, publishablePackages, readJson, root, run } from './workspace.js';

const packages = publishablePackages();
const tarballs = inject('tarballs');
const rootManifest = readJson(join(root, 'package.json'));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** The files of a tarball (without the leading `package/`) with their modes, read by tar. */
async function tarballFiles(tarball: string): Promise<Map<string, string>> {
  const listed = await run('tar', ['-tvzf', tarball], { cwd: root });
  expect(listed.code, listed.output).toBe(0);
  const files = new Map<string, string>();
  for (const line of listed.stdout.split('\n').filter(Boolean)) {
    // "-rw-r--r-- 0/0 997 1985-10-26 08:15 package/dist/index.js"
    const [mode = '', , , , , ...path] = line.split(/\s+/);
    files.set(path.join(' ').replace(/^package\//, ''), mode);
  }
  return files;
}

async function packedManifest(tarball: string) {
  const read = await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: root });
  expect(read.code, read.output).toBe(0);
  return JSON.parse(read.stdout);
}

test('the publishable packages are the ten of the toolkit', () => {
  expect(packages.map((p) => p.name).sort()).toEqual([
    '@mcc/cli',
    '@mcc/core',
    '@mcc/engine',
    '@mcc/gateway',
    '@mcc/http',
    '@mcc/rest-transport',
    '@mcc/soap-transport',
    '@mcc/store-postgres',
    '@mcc/store-sqlite',
    '@mcc/testkit',
  ]);
});

describe.each(packages)('$name', (pkg: Publishable) => {
  const tarball = () => {
    const file = tarballs[pkg.name];
    if (!file) throw new Error(`${pkg.name} was not packed`);
    return file;
  };

  test('publint finds nothing to report, suggestions included', async () => {
    const linted = await run(bin('publint'), ['run', tarball(), '--level', 'suggestion', '--strict'], {
      cwd: root,
    });
    expect(linted.code, linted.output).toBe(0);
    expect(linted.output).toContain('All good!');
  });

  test('attw: every entry point resolves to its types for node16 (ESM) and bundler, nothing else wrong', async () => {
    // The esm-only profile leaves out the node10 and node16-from-CommonJS resolutions: the
    // packages are ES modules; CommonJS code loads them with require(esm) (see consumer.test.ts).
    const checked = await run(bin('attw'), ['--profile', 'esm-only', '--format', 'json', tarball()], {
      cwd: root,
    });
    expect(checked.code, checked.output).toBe(0);
    const { analysis, problems } = JSON.parse(checked.stdout);
    const counted = Object.values<{ resolutionKind?: string }[]>(problems)
      .flat()
      .filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''));
    expect(counted).toEqual([]);
    const entrypoints = Object.entries<{
      resolutions: Record<string, { resolution?: { fileName: string } }>;
    }>(analysis.entrypoints).filter(([subpath]) => subpath !== './package.json');
    expect(entrypoints.length).toBeGreaterThan(0);
    for (const [subpath, { resolutions }] of entrypoints) {
      for (const kind of ['node16-esm', 'bundler']) {
        expect(resolutions[kind]?.resolution?.fileName, `${subpath} (${kind})`).toMatch(/\/dist\/.+\.d\.ts$/);
      }
    }
  });

  test('the packed manifest: metadata set, no workspace ranges, every export typed and built', async () => {
    const manifest = await packedManifest(tarball());
    const files = await tarballFiles(tarball());
    expect(manifest).toMatchObject({
      type: 'module',
      license: 'MIT',
      sideEffects: false,
      engines: { node: rootManifest.engines.node },
      repository: { type: 'git', url: rootManifest.repository.url, directory: pkg.directory },
      publishConfig: { access: 'public' },
    });
    expect(manifest.description.length).toBeGreaterThan(20);
    expect(manifest.keywords).toEqual(expect.arrayContaining(['tvox', 'mcc']));
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.main, 'entry points come from exports only').toBeUndefined();
    for (const [subpath, target] of Object.entries<Record<string, string> | string>(manifest.exports)) {
      if (subpath === './package.json') continue;
      expect(Object.keys(target), subpath).toEqual(['mcc-source', 'types', 'default']);
      const { 'mcc-source': source, types, default: js } = target as Record<string, string>;
      expect(types, subpath).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(js, subpath).toBe(types?.replace(/\.d\.ts$/, '.js'));
      for (const file of [source, types, js, `${js}.map`, `${types}.map`]) {
        expect(files.has(String(file).replace(/^\.\//, '')), `${subpath}: ${file} is in the tarball`).toBe(
          true,
        );
      }
    }
    for (const file of ['LICENSE', 'README.md', 'package.json']) expect(files.has(file), file).toBe(true);
    const unwanted = [...files.keys()].filter((f) => /\.test\.|(^|\/)test\/|tsconfig|vitest/.test(f));
    expect(unwanted).toEqual([]);
  });
});

test('the testkit ships mcc-conformance as an executable with its shebang, running the built CLI', async () => {
  const file = tarballs['@mcc/testkit'] ?? '';
  const manifest = await packedManifest(file);
  expect(manifest.bin).toEqual({ 'mcc-conformance': './bin/mcc-conformance.mjs' });
  const files = await tarballFiles(file);
  expect(files.get('bin/mcc-conformance.mjs')).toMatch(/^-rwxr-xr-x/);
  expect(files.has('dist/cli/main.js')).toBe(true);
  const shim = await run('tar', ['-xzOf', file, 'package/bin/mcc-conformance.mjs'], { cwd: root });
  expect(shim.stdout.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(shim.stdout).toContain("import '../dist/cli/main.js';");
});

test('the cli ships mcc as an executable with its shebang, running the built CLI', async () => {
  const file = tarballs['@mcc/cli'] ?? '';
  const manifest = await packedManifest(file);
  expect(manifest.bin).toEqual({ mcc: './bin/mcc.mjs' });
  const files = await tarballFiles(file);
  expect(files.get('bin/mcc.mjs')).toMatch(/^-rwxr-xr-x/);
  expect(files.has('dist/main.js')).toBe(true);
  const shim = await run('tar', ['-xzOf', file, 'package/bin/mcc.mjs'], { cwd: root });
  expect(shim.stdout.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(shim.stdout).toContain("import '../dist/main.js';");
});

test('pnpm publish -r --dry-run publishes every publishable package, and only them', async () => {
  // --force: a version already on the registry is still packed and "published" (dry run: nothing is sent).
  const published = await run('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks', '--force'], {
    cwd: root,
    timeoutMs: 600_000,
  });
  expect(published.code, published.output).toBe(0);
  const lines = published.output.split('\n').filter((line) => /^\+ @mcc\//.test(line));
  expect(lines.sort()).toEqual(packages.map((p) => `+ ${p.name}@${p.version}`).sort());
});
