import {
  type OperationDefinition,
  type OperationName,
  type OperationTable,
  operations,
  type ResultOf,
  readResult,
  resultFieldsOfKind,
} from '@mcc/core';

type Decoded = Record<string, unknown>;

function isObject(value: unknown): value is Decoded {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

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
function normaliseCxfJson(definition: OperationDefinition, value: Decoded, deviations: string[]): Decoded {
  const out: Decoded = { ...value };
  for (const name of resultFieldsOfKind(definition, 'int')) {
    const field = out[name];
    if (typeof field === 'string' && /^-?\d{1,15}$/.test(field.trim())) {
      out[name] = Number(field);
      deviations.push(`${name}: an integer written as a string`);
    }
  }
  for (const name of resultFieldsOfKind(definition, 'map')) {
    if (!Object.hasOwn(out, name)) continue;
    const flat = flattenEntryMap(out[name]);
    if (flat !== out[name]) deviations.push(`${name}: a map written as an entry list`);
    out[name] = flat;
  }
  return out;
}

/** How {@link decodeAnswer} reads. */
export interface DecodeOptions {
  /** Report every deviation from the contract instead of reading past it (core's `readResult`). */
  strict?: boolean;
  /** The operations table whose row describes the result. Default: the MCC one. */
  operations?: OperationTable;
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
  const table = options.operations ?? operations;
  const definition = table[operation] as OperationDefinition;
  const deviations: string[] = [];
  const unwrapped = unwrapRoot(decoded);
  if (unwrapped !== decoded) deviations.push('the result is wrapped in a root object');
  const normalised = isObject(unwrapped) ? normaliseCxfJson(definition, unwrapped, deviations) : unwrapped;
  return readResult(operation, normalised, {
    strict: options.strict === true,
    deviations,
    operations: table,
  });
}
