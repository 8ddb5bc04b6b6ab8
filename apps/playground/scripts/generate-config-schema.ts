// Writes config/contact-center.schema.json from the zod schema, formatted by biome like every other
// file, and the keys table of docs/configuration.md from the same schema (test/config-schema.test.ts
// checks both are up to date). Run: pnpm --filter @mcc/playground schema:config
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIG_DOCS_FILE,
  CONFIG_SCHEMA_FILE,
  configJsonSchemaText,
  withConfigKeysTable,
} from '../src/config-schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '..', CONFIG_SCHEMA_FILE);
writeFileSync(file, configJsonSchemaText());
execFileSync(join(here, '../../../node_modules/.bin/biome'), ['format', '--write', file], {
  stdio: 'inherit',
});
console.log(`wrote ${file}`);
const docs = join(here, '..', CONFIG_DOCS_FILE);
writeFileSync(docs, withConfigKeysTable(readFileSync(docs, 'utf8')));
console.log(`wrote the keys table of ${docs}`);
