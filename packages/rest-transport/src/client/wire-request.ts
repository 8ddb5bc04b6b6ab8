import { type OperationName, type OperationTable, operations, type RequestOf } from '@mcc/core';
import { operationPath, restBindingOf } from '../shared/rest-bindings.js';

/** The HTTP request one call becomes: what the client sends, below the endpoint's base URL. */
export interface WireRequest {
  /** `GET` or `PUT`, from the REST bindings. */
  method: 'GET' | 'PUT';
  /** `/${operation}`, plus `?query` for GET operations. */
  path: string;
  /** The JSON body of PUT operations. */
  body?: string;
}

function wireValue(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Turns a typed request into its REST form, driven by the operations table: the parameters in the
 * table's order, named exactly as the reference names them, absent ones left out; a `Set<String>`
 * parameter (`serviceCodes`) repeated once per value; PUT operations as a JSON object instead.
 * `table` (default: the MCC one) holds the operation's row; its binding is `restBindingOf`'s.
 */
export function buildWireRequest<N extends OperationName>(
  operation: N,
  request: RequestOf<N>,
  table: OperationTable = operations,
): WireRequest {
  const binding = restBindingOf(operation);
  const values = request as Record<string, unknown>;
  const row = Object.hasOwn(table, operation) ? table[operation] : undefined;
  if (!row) throw new TypeError(`buildWireRequest: no operation ${operation} in the table`);
  const names = Object.keys(row.request);
  if (binding.input === 'json-body') {
    const body: Record<string, unknown> = {};
    for (const name of names)
      if (values[name] !== undefined && values[name] !== null) body[name] = values[name];
    return { method: binding.method, path: operationPath(operation), body: JSON.stringify(body) };
  }
  const pairs: string[] = [];
  for (const name of names) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(name);
    for (const item of Array.isArray(value) ? value : [value])
      pairs.push(`${key}=${encodeURIComponent(wireValue(item))}`);
  }
  const query = pairs.join('&');
  return {
    method: binding.method,
    path: query ? `${operationPath(operation)}?${query}` : operationPath(operation),
  };
}
