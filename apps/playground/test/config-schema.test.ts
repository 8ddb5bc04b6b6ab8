import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoConfigInput } from '@mcc/engine';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadPlaygroundConfig } from '../src/config-file.js';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/config-schema.js';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(here, 'config/contact-center.example.yaml');
const committed = readFileSync(join(here, CONFIG_SCHEMA_FILE), 'utf8');
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed));

/** The CLI as a user runs it (from the TypeScript sources). */
function cli(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=mcc-source', '--import', 'tsx', join(here, 'src/main.ts'), ...args],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
}

describe('the configuration file: JSON Schema, annotated example, --config-check', () => {
  test('the committed JSON Schema is the one generated from the zod schema (pnpm schema:config)', () => {
    // compared as JSON: the committed file is formatted by biome like every other file
    expect(JSON.parse(committed)).toEqual(JSON.parse(configJsonSchemaText()));
  });

  test('the annotated example is valid for the server and for the JSON Schema, and uses every key', () => {
    const loaded = loadPlaygroundConfig(EXAMPLE);
    expect(loaded.contactCenter).toMatchObject({
      name: 'Example contact center',
      channels: [{ id: 1003 }, { id: 1 }, { id: 2, enabled: false }],
    });
    expect(Object.keys(loaded.faults.operations)).toEqual(['checkSession']);
    const document = parse(readFileSync(EXAMPLE, 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(demoConfigInput), JSON.stringify(validate.errors)).toBe(true);
    const schema = JSON.parse(committed) as {
      properties: Record<string, { items?: { properties: object } }>;
    };
    for (const list of ['channels', 'services', 'agents'] as const) {
      const keys = Object.keys(schema.properties[list]?.items?.properties ?? {});
      const used = new Set(document[list].flatMap((item: object) => Object.keys(item)));
      expect(
        keys.filter((key) => !used.has(key)),
        `${list} keys the example leaves out`,
      ).toEqual([]);
    }
    expect(Object.keys(document.timers).sort()).toEqual(
      Object.keys((schema.properties.timers as { properties: object }).properties).sort(),
    );
  });

  test('the JSON Schema refuses what editors should flag', () => {
    expect(validate({ channels: [{ id: 1003, licences: -1 }] })).toBe(false);
    expect(
      validate({ services: [{ code: 'X', openingHours: [{ days: ['monday'], from: '9', to: '18:00' }] }] }),
    ).toBe(false);
    expect(validate({ agents: [{ username: 'a', autoAnswer: 'sometimes' }] })).toBe(false);
    // faults: described by their zod schema (rates, keys, each operation's fail reasons)
    expect(validate({ faults: { operations: { checkSession: { drop: { rate: 2 } } } } })).toBe(false);
    expect(
      validate({ faults: { operations: { checkSession: { failReason: { reason: 'GENERIC' } } } } }),
    ).toBe(false);
    expect(validate({ faults: { seed: 1, operatoins: {} } })).toBe(false);
    expect(
      validate({
        faults: { operations: { startSession: { failReason: { reason: 'GENERIC' }, latency: { ms: 5 } } } },
      }),
    ).toBe(true);
  });

  test('--config-check: exit 0 with a summary; exit 2 with file:line:column for each problem', () => {
    const ok = cli('--config-check', EXAMPLE);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain(
      `${EXAMPLE}: a valid configuration: "Example contact center", 3 channels, 3 services, 2 agents, injected faults on 1 operations`,
    );
    expect(ok.status).toBe(0);
    const bad = join(mkdtempSync(join(tmpdir(), 'mcc-check-')), 'bad.yaml');
    writeFileSync(
      bad,
      'channels:\n  - id: 1003\n    licences: many\nservices:\n  - code: X\n    timeZone: Mars/Base\n',
    );
    const refused = cli('--config-check', bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${bad}:3:15: channels[0].licences:`);
    expect(refused.stderr).toContain(`${bad}:6:15: services[0].timeZone: must be an IANA time zone`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
