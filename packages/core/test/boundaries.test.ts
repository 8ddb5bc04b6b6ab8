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

  test.each(['node:http', 'undici', 'soap', 'pg', 'better-sqlite3', 'fast-xml-parser'])(
    'the linter refuses an import of %s in core',
    (module) => {
      // Lint a real file at each place (biome reports no diagnostics for stdin input).
      const run = (dir: string) => {
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
      expect(run('packages/core/src')).toContain('noRestrictedImports');
      expect(run('packages/testkit/src')).not.toContain('noRestrictedImports');
    },
  );
});
