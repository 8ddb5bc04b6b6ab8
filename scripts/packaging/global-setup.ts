import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { publishablePackages, root, run, type Tarballs } from './workspace.js';

/**
 * Packs every publishable package once with `pnpm pack` (which runs its prepack: refuses a
 * package that is not built, adds the LICENSE; and rewrites `workspace:` ranges to versions) into a
 * temporary directory outside the workspace, and hands the tarballs to the test files.
 */
export default async function packAll(project: TestProject): Promise<() => void> {
  const destination = mkdtempSync(join(tmpdir(), 'mcc-packed-'));
  const tarballs: Tarballs = {};
  for (const pkg of publishablePackages()) {
    const dir = join(destination, pkg.directory.replace('/', '-'));
    mkdirSync(dir);
    const packed = await run('pnpm', ['pack', '--pack-destination', dir], { cwd: join(root, pkg.directory) });
    const [file] = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
    if (packed.code !== 0 || !file) throw new Error(`pnpm pack of ${pkg.name} failed:\n${packed.output}`);
    tarballs[pkg.name] = join(dir, file);
  }
  project.provide('tarballs', tarballs);
  return () => rmSync(destination, { recursive: true, force: true });
}
