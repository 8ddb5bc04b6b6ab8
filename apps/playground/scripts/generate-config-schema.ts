// Writes config/contact-center.schema.json from the zod schema (test/config-schema.test.ts checks it
// is up to date, as JSON). Run: pnpm --filter @mcc/playground schema:config, then
// `npx biome format --write config/contact-center.schema.json` to format it like every other file.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/config-schema.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', CONFIG_SCHEMA_FILE);
writeFileSync(file, configJsonSchemaText());
console.log(`wrote ${file}`);
