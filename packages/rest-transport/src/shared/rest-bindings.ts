import { type OperationName, type OperationTable, operationNames, operations } from '@mcc/core';

/** The HTTP shape of one operation on the REST/JSON endpoint. */
export interface RestBinding {
  /** HTTP method, as the reference gives it. */
  readonly method: 'GET' | 'PUT';
  /** Where the request travels: query parameters, or a JSON object in the body. */
  readonly input: 'query' | 'json-body';
}

/** How every operation travels unless it is listed in {@link REST_BINDING_EXCEPTIONS}. */
const QUERY_BINDING: RestBinding = Object.freeze({ method: 'GET', input: 'query' });

/**
 * The only REST-specific facts about the operations (semantics.md §1): every operation is a GET
 * with query parameters, except those listed here — setSessionData, a PUT with a JSON body. A
 * new operation needs no line here unless it travels otherwise.
 */
export const REST_BINDING_EXCEPTIONS: ReadonlyMap<string, RestBinding> = new Map([
  ['setSessionData', Object.freeze({ method: 'PUT', input: 'json-body' } as const)],
]);

/** The REST binding of the operation named `operation` (of any table). */
export function restBindingOf(operation: string): RestBinding {
  return REST_BINDING_EXCEPTIONS.get(operation) ?? QUERY_BINDING;
}

/** The binding of each operation of the MCC table (derived from {@link restBindingOf}). */
export const restBindings: { readonly [N in OperationName]: RestBinding } = Object.fromEntries(
  operationNames.map((operation) => [operation, restBindingOf(operation)]),
) as { readonly [N in OperationName]: RestBinding };

/** The default REST/JSON endpoint path, as on a TVox host. */
export const DEFAULT_BASE_PATH = '/mc/cxf/rest/json';

/** The path of an operation below the endpoint: `/${name}`. */
export function operationPath(operation: string): string {
  return `/${operation}`;
}

/** Every operation of `table` with its binding, in the table's order. */
export function boundOperations(
  table: OperationTable = operations,
): { operation: OperationName; binding: RestBinding }[] {
  return Object.keys(table).map((operation) => ({
    operation: operation as OperationName,
    binding: restBindingOf(operation),
  }));
}

/** Removes trailing slashes and makes sure a path starts with one (`''` stays `''`). */
export function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
