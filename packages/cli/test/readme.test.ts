import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { USAGE } from '../src/usage.js';

const ROOT_README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  test('quotes `mcc --help` as it is', () => {
    expect(ROOT_README).toContain(`\`\`\`text\n${USAGE}\`\`\``);
  });
});
