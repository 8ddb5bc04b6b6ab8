import { type OperationName, type OperationTable, operations, type Param, wireEnumName } from '@mcc/core';
import { z } from 'zod';

/** A JSON Schema (2020-12) object, as OpenAPI 3.1 uses it. */
export type JsonSchema = { [key: string]: unknown };

/** The named schemas of the API and, per operation, how its request and result refer to them. */
export interface SchemaCatalog {
  /** Named schemas (result types, enums, the JSON body of PUT operations), by reference name. */
  schemas: Record<string, JsonSchema>;
  /** Per operation: the JSON Schema of each request parameter (enums by `$ref`). */
  params: Record<OperationName, Record<string, JsonSchema>>;
  /** Per operation: the name of its result schema in `schemas`. */
  results: Record<OperationName, string>;
}

/** Where a named schema lives in an OpenAPI document. */
export const COMPONENT_REF = '#/components/schemas/';

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/** Rewrites zod's output into OpenAPI's shape: component refs, `x-enum-descriptions`, no safe-int noise. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema') continue;
    if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.has(v as number)) continue;
    if (key === '$ref' && typeof v === 'string') out[key] = v.replace('#/$defs/', COMPONENT_REF);
    else if (key === 'values' && v !== null && typeof v === 'object') out['x-enum-descriptions'] = v;
    else out[key] = tidy(v);
  }
  return out;
}

/** Converts a zod schema with named parts (`.meta({ id })`) and collects the named parts. */
function collect(schema: z.ZodType, into: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, unknown>;
  for (const [name, def] of Object.entries(defs)) into[name] = tidy(def) as JsonSchema;
  const { $defs: _defs, ...root } = json;
  return tidy(root) as JsonSchema;
}

/** The JSON Schema of one request parameter, from its wire kind. */
function paramSchema(param: Param, schemas: Record<string, JsonSchema>): JsonSchema {
  const description = param.description;
  switch (param.kind) {
    case 'int':
      return { type: 'integer', description };
    case 'strings': {
      const maxItems = (param as Param & { maxItems?: number }).maxItems;
      return { type: 'array', items: { type: 'string' }, ...(maxItems ? { maxItems } : {}), description };
    }
    case 'enum': {
      if (!param.enum) return { type: 'string', description };
      collect(param.enum, schemas);
      return { $ref: `${COMPONENT_REF}${wireEnumName(param.enum)}`, description };
    }
    default:
      return { type: 'string', ...(param.maxLength ? { maxLength: param.maxLength } : {}), description };
  }
}

/**
 * Builds the JSON Schemas of the whole API from an operations table (default: the MCC one) and its
 * zod schemas, once: the OpenAPI document and the WADL are both generated from it.
 */
export function buildSchemaCatalog(table: OperationTable = operations): SchemaCatalog {
  const schemas: Record<string, JsonSchema> = {};
  const params = {} as Record<OperationName, Record<string, JsonSchema>>;
  const results = {} as Record<OperationName, string>;
  for (const operation of Object.keys(table) as OperationName[]) {
    const definition = table[operation]!;
    collect(definition.result.wire, schemas);
    results[operation] = definition.result.name;
    params[operation] = Object.fromEntries(
      Object.entries(definition.request).map(([name, param]) => [name, paramSchema(param as Param, schemas)]),
    );
  }
  return { schemas, params, results };
}

/** Resolves a `$ref` of the catalog (or returns the schema itself). */
export function deref(catalog: SchemaCatalog, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(COMPONENT_REF)) {
    return catalog.schemas[ref.slice(COMPONENT_REF.length)] ?? schema;
  }
  return schema;
}
