import { type OperationName, operationNames, operations } from '@mcc/core';

const fieldOrder = Object.fromEntries(
  operationNames.map((operation) => [operation, Object.keys(operations[operation].result.wire.shape)]),
) as Record<OperationName, string[]>;

/**
 * The JSON of a result as the REST endpoint writes it: the reference's fields in the reference's
 * order, fields without a value (undefined or null) omitted (semantics.md §2), nothing else.
 */
export function serializeResult(operation: OperationName, result: object): string {
  const source = result as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of fieldOrder[operation]) {
    const value = source[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return JSON.stringify(out);
}
