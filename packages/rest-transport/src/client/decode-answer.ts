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

/** Undoes the JSON quirks of CXF providers: integers as strings, maps as entry lists. */
function normaliseCxfJson(operation: OperationName, value: Decoded): Decoded {
  const out: Decoded = { ...value };
  for (const name of integerFields[operation]) {
    const field = out[name];
    if (typeof field === 'string' && /^-?\d{1,15}$/.test(field.trim())) out[name] = Number(field);
  }
  if ('state' in out) out.state = flattenEntryMap(out.state);
  return out;
}

/**
 * The tolerant reader of REST answers: unwrapped or CXF root-wrapped JSON, absent or null optional
 * fields, CXF's stringly integers and entry-list maps; then core's `readResult` validates the result
 * (a malformed answer throws `MALFORMED_RESPONSE`, never a made-up result).
 */
export function decodeAnswer<N extends OperationName>(operation: N, decoded: unknown): ResultOf<N> {
  const unwrapped = unwrapRoot(decoded);
  return readResult(operation, isObject(unwrapped) ? normaliseCxfJson(operation, unwrapped) : unwrapped);
}
