import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { readJson, root, run } from './workspace.js';

/**
 * docs/releasing.md "Installing from tarballs", done as written with npm and with pnpm: a project
 * outside the workspace depends on the packed @mcc/rest-transport, @mcc/soap-transport and
 * @mcc/engine, pins every @mcc/* package to its tarball (npm `overrides`, `pnpm.overrides`: the
 * packed manifests depend on each other by version, which no registry has), installs, and runs
 * the README's tour (examples/tour.mts) with `npx tsx tour.mts` against a local MCC built from
 * the installed packages.
 */
const tarballs = inject('tarballs');
const USED = ['@mcc/rest-transport', '@mcc/soap-transport', '@mcc/engine'];
const PINNED = ['@mcc/core', '@mcc/http', ...USED];
const projects: string[] = [];

const SERVER = `import { createServer } from 'node:http';
import { createEngine, demoConfig } from '@mcc/engine';
import { createRestHandler } from '@mcc/rest-transport/server';
import { createSoapHandler } from '@mcc/soap-transport/server';

const engine = await createEngine({ config: demoConfig });
const rest = createRestHandler(engine);
const soap = createSoapHandler(engine);
const server = createServer((req, res) => rest(req, res, () => soap(req, res)));
server.listen(0, '127.0.0.1', () => console.log(\`http://127.0.0.1:\${server.address().port}\`));
`;

/** The manifest docs/releasing.md shows, for one package manager. */
function manifest(manager: 'npm' | 'pnpm'): Record<string, unknown> {
  const tsx = readJson(createRequire(join(root, 'package.json')).resolve('tsx/package.json')).version;
  const dependencies = Object.fromEntries(USED.map((name) => [name, `file:${tarballs[name]}`]));
  const pins = Object.fromEntries(PINNED.map((name) => [name, `file:${tarballs[name]}`]));
  const base = {
    name: `tour-${manager}`,
    private: true,
    type: 'module',
    dependencies,
    devDependencies: { tsx },
  };
  if (manager === 'npm') {
    // npm: an override of a direct dependency must be the same spec, written as a reference to it.
    const npmPins = Object.fromEntries(
      PINNED.map((name) => [name, USED.includes(name) ? `$${name}` : pins[name]]),
    );
    return { ...base, overrides: npmPins };
  }
  return { ...base, pnpm: { overrides: pins } };
}

afterAll(() => {
  for (const project of projects) rmSync(project, { recursive: true, force: true });
});

describe.each(['npm', 'pnpm'] as const)('with %s', (manager) => {
  test('installs the tarballs and runs the tour', async () => {
    for (const name of PINNED) expect(tarballs[name], name).toBeDefined();
    const project = mkdtempSync(join(tmpdir(), `mcc-tour-${manager}-`));
    projects.push(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest(manager), null, 2)}\n`);
    copyFileSync(join(root, 'examples', 'tour.mts'), join(project, 'tour.mts'));
    writeFileSync(join(project, 'server.mjs'), SERVER);
    const args = manager === 'npm' ? ['install', '--no-audit', '--no-fund'] : ['install'];
    const installed = await run(manager, args, { cwd: project, timeoutMs: 600_000 });
    expect(installed.code, installed.output).toBe(0);

    const { spawn } = await import('node:child_process');
    const server = spawn(process.execPath, ['server.mjs'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        server.stdout.once('data', (chunk: Buffer) => resolve(String(chunk).trim()));
        server.once('exit', (code) => reject(new Error(`the local MCC exited ${code}`)));
      });
      const toured = await run('npx', ['tsx', 'tour.mts'], { cwd: project, env: { MCC_ORIGIN: origin } });
      expect(toured.code, toured.output).toBe(0);
      expect(toured.stdout.trim()).toBe('NEW');
    } finally {
      server.kill();
    }
  });
});
