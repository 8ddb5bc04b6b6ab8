import { ContactCenterConfig } from '@mcc/engine';
import { z } from 'zod';
import { FaultSettingsSchema } from './faults/index.js';

/** Where the generated JSON Schema is committed, relative to the playground package. */
export const CONFIG_SCHEMA_FILE = 'config/contact-center.schema.json';

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
  } = z.toJSONSchema(FaultSettingsSchema.nullable(), { io: 'input', unrepresentable: 'any' });
  return { faults, $defs };
}
