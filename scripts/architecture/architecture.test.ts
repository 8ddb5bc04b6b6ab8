import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findCycles, localImports } from './import-graph.js';
import { lineCount, packageOf, root, sourceFiles } from './source-files.js';

const files = sourceFiles();

describe('the repository', () => {
  test('has source files to check (the listing works)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('packages/core/src/index.ts');
  });

  test('no source file is over 400 lines', () => {
    const long = files.map((file) => ({ file, lines: lineCount(file) })).filter((f) => f.lines > 400);
    expect(long).toEqual([]);
  });

  test('no import cycle inside any package', () => {
    const modules = files.filter((f) => /\.(ts|mts|js|mjs)$/.test(f));
    const graph = new Map(modules.map((file) => [file, localImports(file)]));
    const crossing = [...graph].flatMap(([file, targets]) =>
      targets
        // The bench measures package internals on purpose (bench/src/xml: the XML layer alone).
        .filter((t) => t.includes('/') && packageOf(t) !== packageOf(file) && packageOf(file) !== 'bench')
        .map((t) => `${file} → ${t}`),
    );
    expect(crossing, 'a relative import that leaves its package').toEqual([]);
    expect(findCycles(graph)).toEqual([]);
  });

  test('no cycle between published workspace packages (dependencies and peerDependencies)', () => {
    // devDependencies may loop (the transports' tests run the testkit's suites, the testkit's
    // suites run the transports: pnpm-workspace.yaml, ignoreWorkspaceCycles); what a user installs may not.
    const manifests = [...new Set(files.map(packageOf))]
      .map((dir) => join(dir, 'package.json'))
      .filter((manifest) => existsSync(join(root, manifest)));
    const packages = new Map<string, string[]>();
    for (const manifest of manifests) {
      const json = JSON.parse(readFileSync(join(root, manifest), 'utf8'));
      const deps = { ...json.dependencies, ...json.peerDependencies };
      packages.set(
        json.name,
        Object.keys(deps).filter((d) => String(deps[d]).startsWith('workspace:')),
      );
    }
    expect(packages.size).toBeGreaterThan(8);
    expect(findCycles(packages)).toEqual([]);
  });
});

describe('the cycle finder', () => {
  test('finds a cycle of two and of three, a self-import, and none in a tree', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(findCycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
