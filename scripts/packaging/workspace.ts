import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A publishable workspace package (a `packages/*` one that is not private). */
export interface Publishable {
  name: string;
  version: string;
  /** Its directory relative to the root, e.g. `packages/core`. */
  directory: string;
}

/** Every publishable package, read from packages/*∕package.json. */
export function publishablePackages(): Publishable[] {
  return readdirSync(join(root, 'packages'))
    .map((name) => `packages/${name}`)
    .map((directory) => ({ directory, manifest: readJson(join(root, directory, 'package.json')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ name: manifest.name, version: manifest.version, directory }));
}

// biome-ignore lint/suspicious/noExplicitAny: a manifest is whatever JSON the file holds
export function readJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** What a command did. */
export interface Ran {
  code: number | null;
  /** stdout and stderr interleaved, for failure messages. */
  output: string;
  stdout: string;
}

/**
 * Runs a command to its end (killed after `timeoutMs`), never throwing on a non-zero exit. The
 * environment is this process's less the `npm_*` variables a package manager's script runner
 * sets, so that npm and pnpm started here read only their own configuration.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<Ran> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 300_000,
    });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on('close', (code) => resolve({ code, output, stdout }));
  });
}

/** The tarball of each publishable package, by package name (see global-setup.ts). */
export type Tarballs = Record<string, string>;

declare module 'vitest' {
  export interface ProvidedContext {
    tarballs: Tarballs;
  }
}
