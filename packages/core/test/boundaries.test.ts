import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('core boundaries', () => {
  test('core depends at runtime on zod only', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'packages/core/package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['zod']);
  });

  const lint = (dir: string, module: string) => {
    // Lint a real file at each place (biome reports no diagnostics for stdin input).
    const file = resolve(root, dir, `lint-probe-${process.pid}.ts`);
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
  };

  test.each([
    'node:http',
    'node:crypto',
    'node:fs',
    'undici',
    'soap',
    'pg',
    'better-sqlite3',
    '@mcc/engine',
    '@mcc/http',
  ])('the linter refuses an import of %s in core (and allows it in the testkit)', (module) => {
    expect(lint('packages/core/src', module)).toContain('noRestrictedImports');
    expect(lint('packages/testkit/src', module)).not.toContain('noRestrictedImports');
  });

  test.each(['zod', './local.js'])('the linter allows %s in core', (module) => {
    expect(lint('packages/core/src', module)).not.toContain('noRestrictedImports');
  });

  test.each(['node:http', 'undici', 'pg', '@mcc/http', '@mcc/rest-transport'])(
    'the linter refuses an import of %s in the engine',
    (module) => {
      expect(lint('packages/engine/src', module)).toContain('noRestrictedImports');
    },
  );

  test.each(['@mcc/engine', '@mcc/store-sqlite', '@mcc/rest-transport'])(
    'the linter refuses an import of %s in the HTTP plumbing',
    (module) => {
      expect(lint('packages/http/src', module)).toContain('noRestrictedImports');
    },
  );

  test('the engine needs only the contract and zod; the HTTP plumbing only the contract', () => {
    const deps = (dir: string) =>
      Object.keys(JSON.parse(readFileSync(resolve(root, dir, 'package.json'), 'utf8')).dependencies ?? {});
    expect(deps('packages/engine').sort()).toEqual(['@mcc/core', 'zod']);
    expect(deps('packages/http').filter((d) => d.startsWith('@mcc/'))).toEqual(['@mcc/core']);
  });
});
