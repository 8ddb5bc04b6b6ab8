// Writes config/contact-center.schema.json from the zod schema, formatted by biome like every other
// file (test/config-schema.test.ts checks it is up to date). Run: pnpm --filter @mcc/playground schema:config
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/config-schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '..', CONFIG_SCHEMA_FILE);
writeFileSync(file, configJsonSchemaText());
execFileSync(join(here, '../../../node_modules/.bin/biome'), ['format', '--write', file], {
  stdio: 'inherit',
});
console.log(`wrote ${file}`);
