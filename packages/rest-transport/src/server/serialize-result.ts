import type { OperationDefinition } from '@mcc/core';

const fieldOrders = new WeakMap<OperationDefinition, readonly string[]>();

function fieldOrder(definition: OperationDefinition): readonly string[] {
  let order = fieldOrders.get(definition);
  if (!order) {
    order = Object.keys(definition.result.wire.shape);
    fieldOrders.set(definition, order);
  }
  return order;
}

/**
 * The JSON of a result as the REST endpoint writes it: the reference's fields in the reference's
 * order (the operation's result schema), fields without a value (undefined or null) omitted
 * (semantics.md §2), nothing else.
 */
export function serializeResult(definition: OperationDefinition, result: object): string {
  const source = result as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of fieldOrder(definition)) {
    const value = source[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return JSON.stringify(out);
}
