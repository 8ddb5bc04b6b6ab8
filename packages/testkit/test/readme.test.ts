import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The ```ts blocks the README quotes from files: `<!-- example: path -->` then the block. */
function quotes(): Array<{ path: string; code: string }> {
  return [...README.matchAll(/<!-- example: (\S+) -->\s*```ts\n([\s\S]*?)```/g)].map((m) => ({
    path: m[1]!,
    code: m[2]!,
  }));
}

describe('the README examples', () => {
  test('quote every file of test/examples, each in full and as it is', () => {
    const files = readdirSync(new URL('./examples/', import.meta.url)).filter((f) => f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(
      quotes()
        .map((q) => q.path)
        .sort(),
    ).toEqual(files.map((f) => `test/examples/${f}`).sort());
    for (const quote of quotes()) {
      const file = readFileSync(new URL(`../${quote.path}`, import.meta.url), 'utf8');
      expect(quote.code, `README quote of ${quote.path}`).toBe(file);
    }
  });
});
