import { ContactCenterConfig } from '@mcc/engine';
import { z } from 'zod';
import { FaultSettingsSchema } from './faults/index.js';

/** Where the generated JSON Schema is committed, relative to the playground package. */
export const CONFIG_SCHEMA_FILE = 'config/contact-center.schema.json';
/** The page whose keys table is generated from the same schema, relative to the playground package. */
export const CONFIG_DOCS_FILE = '../../docs/configuration.md';

/**
 * The JSON Schema of a configuration file (JSON or YAML), generated from the engine's zod schema
 * of the contact center (`z.toJSONSchema`, input side: defaults make keys optional), plus the
 * playground's own keys: `faults` (from its zod schema, {@link FaultSettingsSchema}) and `$schema`. For editor completion; the server's own check
 * (`--config-check`) is the zod schema itself, which also checks what JSON Schema cannot say
 * (unique ids, known skills, IANA time zones).
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ContactCenterConfig, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  } & Record<string, unknown>;
  const { faults, $defs } = faultsJsonSchema();
  return {
    ...schema,
    $id: 'https://github.com/mcc-toolkit/mcc/apps/playground/config/contact-center.schema.json',
    title: 'mcc-playground configuration (MCC_CONFIG)',
    description: 'A simulated contact center and, optionally, injected faults. See docs/configuration.md.',
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors.' },
      ...schema.properties,
      faults,
    },
    $defs,
  };
}

/** The schema as committed: two-space JSON with a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/**
 * The `faults` key: its zod schema's input side, or null (no faults), and the definitions it
 * refers to (`#/$defs/FaultLatency`…), to be placed at the root of the document.
 */
function faultsJsonSchema(): { faults: Record<string, unknown>; $defs: Record<string, unknown> } {
  const {
    $schema: _draft,
    $defs = {},
    ...faults
  } = z.toJSONSchema(
    // the description of the `faults` key itself, not only of its object branch (editors show this one)
    FaultSettingsSchema.nullable().meta({
      description: `${FaultSettingsSchema.description ?? ''} null: none.`,
    }),
    { io: 'input', unrepresentable: 'any' },
  );
  return { faults, $defs };
}

/** A node of the generated JSON Schema, as far as the keys table reads it. */
interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
}

/** Where the keys table of docs/configuration.md starts and ends (the rows between are generated). */
export const KEYS_TABLE_START =
  '<!-- keys table: generated from the zod schema by pnpm --filter @mcc/playground schema:config -->';
export const KEYS_TABLE_END = '<!-- end of the keys table -->';

/** `integer ≥ 0`, `list of mon | tue…`, `integer ≥ 1 or object of integer ≥ 1`: a node's type, for people. */
function typeText(node: SchemaNode): string {
  if (node.anyOf) return node.anyOf.map(typeText).join(' or ');
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (node.type === 'array') return `list of ${node.items ? typeText(node.items) : 'anything'}`;
  if (node.type === 'object') {
    const values = node.additionalProperties;
    return node.properties || typeof values !== 'object' ? 'object' : `object of ${typeText(values)}`;
  }
  if (node.type === 'integer' || node.type === 'number')
    return node.minimum !== undefined && node.minimum > Number.MIN_SAFE_INTEGER
      ? `${node.type} ≥ ${node.minimum}`
      : node.type;
  if (node.type === 'string' && node.format) return `${node.format} (string)`;
  if (node.type === 'string' && node.pattern?.includes(':[0-5]')) return 'HH:MM (string)';
  return node.type ?? 'anything';
}

/** `"UTC"`, `[]`; a duration in ms (`…Ms`) also as people say it: `600000` (10 min). */
function defaultText(key: string, value: unknown): string {
  const code = `\`${JSON.stringify(value)}\``;
  if (!key.endsWith('Ms') || typeof value !== 'number' || value < 1000) return code;
  const [unit, size] =
    value >= 3_600_000 ? ['h', 3_600_000] : value >= 60_000 ? ['min', 60_000] : ['s', 1000];
  return `${code} (${value / (size as number)} ${unit})`;
}

/** The object branch of a node (itself, its items, or an object alternative). */
function objectOf(node: SchemaNode): SchemaNode | undefined {
  if (node.properties) return node;
  if (node.items) return objectOf(node.items);
  return node.anyOf?.find((branch) => branch.properties);
}

/**
 * The keys table of docs/configuration.md: one row per key of the contact center, at every depth
 * (`channels[].id`), with its type, its default (or "required") and its description, read from the
 * generated JSON Schema, so the page says what the schema says. `faults` is one row: the
 * playground README documents its keys.
 */
export function configKeysTable(): string {
  const schema = configJsonSchema() as SchemaNode;
  const rows = ['| key | type | default | what |', '| --- | --- | --- | --- |'];
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const visit = (object: SchemaNode, prefix: string) => {
    for (const [key, node] of Object.entries(object.properties ?? {})) {
      if (key === '$schema') continue;
      const path = `${prefix}${key}`;
      const inner = objectOf(node);
      const list = node.type === 'array' && inner ? '[]' : '';
      const given = object.required?.includes(key)
        ? 'required'
        : node.default === undefined || node.type === 'object'
          ? '—'
          : defaultText(key, node.default);
      const type =
        key === 'faults' ? 'object or null' : list ? 'list of objects' : inner ? 'object' : typeText(node);
      rows.push(`| \`${path}${list}\` | ${cell(type)} | ${given} | ${cell(node.description ?? '')} |`);
      if (inner && key !== 'faults') visit(inner, `${path}${list}.`);
    }
  };
  visit(schema, '');
  return rows.join('\n');
}

/** `markdown` with the rows between {@link KEYS_TABLE_START} and {@link KEYS_TABLE_END} regenerated. */
export function withConfigKeysTable(markdown: string): string {
  const start = markdown.indexOf(KEYS_TABLE_START);
  const end = markdown.indexOf(KEYS_TABLE_END);
  if (start < 0 || end < start) throw new Error('the keys table markers are missing');
  return `${markdown.slice(0, start + KEYS_TABLE_START.length)}\n\n${configKeysTable()}\n\n${markdown.slice(end)}`;
}
