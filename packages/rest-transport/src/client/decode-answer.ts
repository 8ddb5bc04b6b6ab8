import { type OperationName, operationNames, operations, type ResultOf, readResult } from '@mcc/core';
import { z } from 'zod';

type Decoded = Record<string, unknown>;

function isObject(value: unknown): value is Decoded {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isIntegerField(schema: z.ZodType): boolean {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodNumber;
}

/** Integer fields per result (CXF's Jettison provider may write them as strings). */
const integerFields = Object.fromEntries(
  operationNames.map((operation) => [
    operation,
    Object.entries(operations[operation].result.wire.shape as Record<string, z.ZodType>)
      .filter(([, schema]) => isIntegerField(schema))
      .map(([name]) => name),
  ]),
) as Record<OperationName, string[]>;

/**
 * Removes CXF's root wrapper: an object with a single property whose value is an object with a
 * `result` (`{"startSessionResult": {…}}`) stands for that inner object.
 */
export function unwrapRoot(decoded: unknown): unknown {
  if (!isObject(decoded) || 'result' in decoded) return decoded;
  const keys = Object.keys(decoded);
  if (keys.length !== 1) return decoded;
  const inner = decoded[keys[0]!];
  return isObject(inner) && 'result' in inner ? inner : decoded;
}

/** A JAXB map (`{"entry": [{"key": …, "value": …}]}`) as a plain JSON object. */
function flattenEntryMap(value: unknown): unknown {
  if (!isObject(value) || Object.keys(value).length !== 1 || !('entry' in value)) return value;
  const entries = Array.isArray(value.entry) ? value.entry : [value.entry];
  if (!entries.every((entry) => isObject(entry) && typeof entry.key === 'string')) return value;
  return Object.fromEntries((entries as Decoded[]).map((entry) => [entry.key as string, entry.value]));
}

/** Undoes the JSON quirks of CXF providers (integers as strings, maps as entry lists), noting each. */
function normaliseCxfJson(operation: OperationName, value: Decoded, deviations: string[]): Decoded {
  const out: Decoded = { ...value };
  for (const name of integerFields[operation]) {
    const field = out[name];
    if (typeof field === 'string' && /^-?\d{1,15}$/.test(field.trim())) {
      out[name] = Number(field);
      deviations.push(`${name}: an integer written as a string`);
    }
  }
  if ('state' in out) {
    const flat = flattenEntryMap(out.state);
    if (flat !== out.state) deviations.push('state: a map written as an entry list');
    out.state = flat;
  }
  return out;
}

/** How {@link decodeAnswer} reads. */
export interface DecodeOptions {
  /** Report every deviation from the contract instead of reading past it (core's `readResult`). */
  strict?: boolean;
}

/**
 * The tolerant reader of REST answers: unwrapped or CXF root-wrapped JSON (Jettison), absent or
 * null fields (Jackson), CXF's stringly integers and entry-list maps; then core's `readResult`
 * validates the result (a malformed answer throws `MALFORMED_RESPONSE`, never a made-up result).
 * With `strict`, each of those quirks is a deviation and throws.
 */
export function decodeAnswer<N extends OperationName>(
  operation: N,
  decoded: unknown,
  options: DecodeOptions = {},
): ResultOf<N> {
  const deviations: string[] = [];
  const unwrapped = unwrapRoot(decoded);
  if (unwrapped !== decoded) deviations.push('the result is wrapped in a root object');
  const normalised = isObject(unwrapped) ? normaliseCxfJson(operation, unwrapped, deviations) : unwrapped;
  return readResult(operation, normalised, { strict: options.strict === true, deviations });
}
