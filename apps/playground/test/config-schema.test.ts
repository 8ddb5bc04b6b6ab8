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
import {
  CONFIG_DOCS_FILE,
  CONFIG_SCHEMA_FILE,
  configJsonSchema,
  configJsonSchemaText,
  withConfigKeysTable,
} from '../src/config-schema.js';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = join(here, 'config/contact-center.example.yaml');
const committed = readFileSync(join(here, CONFIG_SCHEMA_FILE), 'utf8');
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed));

type Node = { $ref?: string; description?: string } & Record<string, unknown>;

/**
 * Every property of `schema`, at every depth (under properties, items, anyOf, additionalProperties
 * and $defs), that has no description of its own nor through its `$ref` (editors show either).
 */
function undescribed(schema: Node): string[] {
  const defs = new Map(Object.entries((schema.$defs ?? {}) as Record<string, Node>));
  const described = (node: Node) =>
    Boolean(node.description?.trim()) ||
    (node.$ref !== undefined && Boolean(defs.get(node.$ref.replace('#/$defs/', ''))?.description?.trim()));
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'properties' && child && typeof child === 'object')
        for (const [name, property] of Object.entries(child as Record<string, Node>))
          if (!described(property)) out.push(`${path}.${name}`);
      walk(child, key === 'properties' ? path : `${path}/${key}`);
    }
  };
  walk(schema, '#');
  return out;
}

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

  test('every property of the contact center, at every depth, has a description (editors show it on hover)', () => {
    const schema = configJsonSchema() as Node;
    // the contact center (engine) and the injected faults (the playground's FaultSettingsSchema)
    expect(undescribed(schema)).toEqual([]);
    expect((schema.properties as Record<string, Node>).faults?.description).toMatch(
      /^Injected faults per operation/,
    );
  });

  test('the description walk finds a property without one at any depth, and reads through $ref', () => {
    const schema = {
      properties: {
        a: { description: 'a', items: { properties: { b: { anyOf: [{ properties: { c: {} } }] } } } },
        d: { $ref: '#/$defs/D' },
        e: { $ref: '#/$defs/E' },
        f: { description: '  ' },
      },
      $defs: { D: { description: 'd' }, E: {} },
    } as Node;
    expect(undescribed(schema).sort()).toEqual(['#.e', '#.f', '#/a/items.b', '#/a/items/b/anyOf[0].c']);
  });

  test('the keys table of docs/configuration.md is the one generated from the schema (pnpm schema:config)', () => {
    const docs = readFileSync(join(here, CONFIG_DOCS_FILE), 'utf8');
    expect(docs).toBe(withConfigKeysTable(docs));
    for (const key of [
      '`channels[].licences`',
      '`services[].openingHours[].days`',
      '`timers.bookingTimeoutMs`',
    ])
      expect(docs).toContain(`| ${key} |`);
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
