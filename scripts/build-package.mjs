#!/usr/bin/env node
// The build of every workspace package (run in the package's directory by its `build` script):
// empties dist/ (so no output of a deleted source is ever packed), compiles src/ with the shared
// tsconfig.build.json (each package's own only extends it), then checks every `bin` of package.json
// was built with its shebang and makes it executable.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

rmSync(join(dir, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: dir,
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
for (const [name, file] of Object.entries(bins)) {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.error(`${pkg.name}: the bin "${name}" (${file}) was not built: is its source in src/?`);
    process.exit(1);
  }
  if (!readFileSync(path, 'utf8').startsWith('#!')) {
    console.error(`${pkg.name}: the bin "${name}" (${file}) has no "#!/usr/bin/env node" line.`);
    process.exit(1);
  }
  chmodSync(path, 0o755);
}
