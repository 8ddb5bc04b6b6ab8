import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Extensions of the files that count as source code (the console's JavaScript and the bench's Lua too). */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|lua)$/;

/** Folders that hold no source of ours: installs, builds, reports, data, tool state. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'coverage', 'test-results', '.turbo', '.data', '.git']);

/**
 * Every source file of the repository, relative to the root, read from the file system (so the
 * suite runs in the Node 24 run's scratch copy too, which has no .git): what is under the folders
 * above, or under a folder whose name starts with a dot, is not source.
 */
export function sourceFiles(dir = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!NOT_SOURCE.has(entry.name) && !entry.name.startsWith('.')) files.push(...sourceFiles(path));
    } else if (SOURCE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** The lines of a file. */
export function lineCount(file: string): number {
  const text = readFileSync(join(root, file), 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The workspace package (`packages/x`, `apps/x`, `bench`, `examples`, `scripts/x`) a file belongs to. */
export function packageOf(file: string): string {
  const parts = file.split('/');
  if (['packages', 'apps', 'scripts'].includes(parts[0] ?? '') && parts.length > 2)
    return parts.slice(0, 2).join('/');
  return parts[0] ?? '';
}
