import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishablePackages, readJson, root, run } from './workspace.js';

/**
 * `changeset version` (the root `pnpm version-packages`) on a scratch copy of the repository's
 * files, with the pending changesets replaced by one minor change of one package: every
 * publishable package moves to the same next minor version (the fixed group) with a CHANGELOG
 * entry, internal ranges stay `workspace:`, and the private apps are left alone.
 */
const changeset = createRequire(join(root, 'package.json')).resolve('@changesets/cli/bin.js');
const packages = publishablePackages();
let copy = '';

function nextMinor(version: string): string {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return `${major}.${minor + 1}.0`;
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'mcc-release-'));
  // The repository's own files: what is installed, built or written by tests is left behind.
  const skipped = new Set(['.git', 'node_modules', 'dist', '.turbo', 'test-results', 'coverage', '.data']);
  cpSync(root, copy, { recursive: true, filter: (path) => !skipped.has(basename(path)) });
  for (const file of readdirSync(join(copy, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file));
  }
  writeFileSync(
    join(copy, '.changeset', 'packaging-test.md'),
    '---\n"@mcc/rest-transport": minor\n---\n\nThe REST client learns something new.\n',
  );
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

test('changeset version bumps every publishable package together and writes their changelogs', async () => {
  const versioned = await run(process.execPath, [changeset, 'version'], { cwd: copy });
  expect(versioned.code, versioned.output).toBe(0);
  for (const pkg of packages) {
    const manifest = readJson(join(copy, pkg.directory, 'package.json'));
    expect(manifest.version, pkg.name).toBe(nextMinor(pkg.version));
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies };
    for (const [name, range] of Object.entries(ranges)) {
      if (name.startsWith('@mcc/')) expect(range, `${pkg.name} → ${name}`).toMatch(/^workspace:/);
    }
    const changelog = readFileSync(join(copy, pkg.directory, 'CHANGELOG.md'), 'utf8');
    expect(changelog, pkg.name).toContain(`## ${nextMinor(pkg.version)}`);
  }
  expect(readFileSync(join(copy, 'packages/rest-transport/CHANGELOG.md'), 'utf8')).toContain(
    'The REST client learns something new.',
  );
  for (const app of ['apps/playground', 'bench']) {
    expect(readJson(join(copy, app, 'package.json')).version, app).toBe(
      readJson(join(root, app, 'package.json')).version,
    );
  }
  expect(readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md'))).toEqual(['README.md']);
});
