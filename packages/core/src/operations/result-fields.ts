import { z } from 'zod';
import type { OperationDefinition } from './define-operation.js';

/** How one result value travels, read from the result's wire schema. */
export type WireValueKind =
  | { readonly kind: 'string' }
  | { readonly kind: 'int' }
  | { readonly kind: 'enum'; readonly schema: z.ZodEnum }
  /** A `Map<String, V>` (getServiceState's `state`): a JSON object, or JAXB's entry list in XML. */
  | { readonly kind: 'map'; readonly value: WireValueKind };

/** One field of an operation's result, in the reference's order. */
export interface ResultField {
  readonly name: string;
  readonly type: WireValueKind;
  /** Absent from some answers (`minOccurs="0"`). */
  readonly optional: boolean;
}

function kindOf(schema: z.ZodType): WireValueKind {
  if (schema instanceof z.ZodOptional) return kindOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodEnum) return { kind: 'enum', schema };
  if (schema instanceof z.ZodString) return { kind: 'string' };
  if (schema instanceof z.ZodNumber) return { kind: 'int' };
  if (schema instanceof z.ZodRecord) return { kind: 'map', value: kindOf(schema.valueType as z.ZodType) };
  throw new TypeError(`no wire mapping for a ${schema._zod.def.type} result field`);
}

const cache = new WeakMap<OperationDefinition, readonly ResultField[]>();

/**
 * The fields of an operation's result with their wire kinds, read once from its zod wire schema —
 * the one place result schemas are introspected, for every transport and client (the SOAP
 * serializer and WSDL, a JSON decoder's integer and map fields).
 */
export function resultFields(definition: OperationDefinition): readonly ResultField[] {
  let fields = cache.get(definition);
  if (!fields) {
    const shape = definition.result.wire.shape as Record<string, z.ZodType>;
    fields = Object.entries(shape).map(([name, schema]) => ({
      name,
      type: kindOf(schema),
      optional: schema instanceof z.ZodOptional,
    }));
    cache.set(definition, fields);
  }
  return fields;
}

/** The names of the result fields of `kind` (`'map'`: getServiceState's `state`; `'int'`…). */
export function resultFieldsOfKind(definition: OperationDefinition, kind: WireValueKind['kind']): string[] {
  return resultFields(definition)
    .filter((field) => field.type.kind === kind)
    .map((field) => field.name);
}
