import type { OperationDefinition } from '@mcc/core';

/** One field of a result type as the writer writes it: its name and its `"name":` prefix. */
interface WriterField {
  readonly key: string;
  readonly prefix: string;
}

/** The fields of each result type, in the reference's order (its wire schema), prepared once. */
const writers = new WeakMap<OperationDefinition, readonly WriterField[]>();

function writerOf(definition: OperationDefinition): readonly WriterField[] {
  let fields = writers.get(definition);
  if (!fields) {
    fields = Object.keys(definition.result.wire.shape).map((key) => ({
      key,
      prefix: `${JSON.stringify(key)}:`,
    }));
    writers.set(definition, fields);
  }
  return fields;
}

/**
 * Whether `JSON.stringify` writes `value` as is between quotes: nothing it escapes (`"`, `\`, C0
 * controls, lone surrogates; a paired one is left to it too). A scan: cheaper than a regular
 * expression on the short strings of a result.
 */
function isPlain(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * One field's JSON, exactly as `JSON.stringify` writes it inside the result object, or undefined
 * when it leaves the field out. Strings without anything to escape, numbers and booleans are
 * written directly; anything else (the service-state map) by `JSON.stringify` itself, in an
 * object of its own so that a `toJSON` sees the same key.
 */
function fieldJson(field: WriterField, value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return isPlain(value) ? `"${value}"` : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default: {
      const wrapped = JSON.stringify({ [field.key]: value });
      return wrapped === '{}' ? undefined : wrapped.slice(field.prefix.length + 1, -1);
    }
  }
}

/**
 * The JSON of a result as the REST endpoint writes it: the reference's fields in the reference's
 * order (the operation's result schema), fields without a value (undefined or null) omitted
 * (semantics.md §2), nothing else. The same text as `JSON.stringify` of an object holding just
 * those fields, written by a writer prepared once per result type.
 */
export function serializeResult(definition: OperationDefinition, result: object): string {
  const source = result as Record<string, unknown>;
  let json = '';
  for (const field of writerOf(definition)) {
    const value = source[field.key];
    if (value === undefined || value === null) continue;
    const written = fieldJson(field, value);
    if (written === undefined) continue;
    json += `${json === '' ? '{' : ','}${field.prefix}${written}`;
  }
  return json === '' ? '{}' : `${json}}`;
}
