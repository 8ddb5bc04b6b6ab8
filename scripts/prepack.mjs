#!/usr/bin/env node
// Runs before `pnpm pack` / `pnpm publish` of a publishable package (its `prepack` script):
// refuses to pack a package whose build is missing (every file its `exports` and `bin` point to
// under dist/ must exist: "run pnpm build first"), and puts the repository's LICENSE beside its
// package.json, so that every tarball carries the licence text (the copies are git-ignored).
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every file path in an `exports` map, whatever the nesting of conditions. */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
const missing = [...targets(pkg.exports), ...bins]
  .filter((file) => file.startsWith('./dist/'))
  .filter((file) => !existsSync(join(dir, file)));
if (missing.length > 0) {
  console.error(`${pkg.name}: not built (missing ${missing.join(', ')}): run \`pnpm build\` first.`);
  process.exit(1);
}
copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
