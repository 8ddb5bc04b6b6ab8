import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function lint(module: string): string {
  // A real file (biome reports no diagnostics for stdin input).
  const file = resolve(root, 'packages/gateway/src', `lint-probe-${process.pid}.ts`);
  writeFileSync(file, `import x from '${module}';\nexport const y = x;\n`);
  try {
    execFileSync('npx', ['biome', 'lint', file], { cwd: root, stdio: 'pipe' });
    return '';
  } catch (error) {
    return (
      String((error as { stdout?: Buffer }).stdout ?? '') +
      String((error as { stderr?: Buffer }).stderr ?? '')
    );
  } finally {
    rmSync(file, { force: true });
  }
}

test.each(['@mcc/engine', '@mcc/store-sqlite', '@mcc/store-postgres', '@mcc/testkit', 'pg'])(
  'the linter refuses an import of %s in the gateway',
  (module) => {
    expect(lint(module)).toContain('noRestrictedImports');
  },
);

test('the gateway allows the contract and the transports, and depends on nothing of the simulator', () => {
  expect(lint('@mcc/rest-transport/client')).not.toContain('noRestrictedImports');
  const pkg = JSON.parse(readFileSync(resolve(root, 'packages/gateway/package.json'), 'utf8'));
  expect(Object.keys(pkg.dependencies).sort()).toEqual([
    '@mcc/core',
    '@mcc/rest-transport',
    '@mcc/soap-transport',
    'better-sqlite3',
    'undici',
  ]);
});
