import { type OperationName, operationNames } from '@mcc/core';

/** The HTTP shape of one operation on the REST/JSON endpoint. */
export interface RestBinding {
  /** HTTP method, as the reference gives it. */
  readonly method: 'GET' | 'PUT';
  /** Where the request travels: query parameters, or a JSON object in the body. */
  readonly input: 'query' | 'json-body';
}

/**
 * The only REST-specific facts about the operations (semantics.md §1): every operation is a GET
 * with query parameters except setSessionData, a PUT with a JSON body. Everything else — the path
 * (`/${name}`), the parameters, the result — comes from the core operations table.
 */
export const restBindings: { readonly [N in OperationName]: RestBinding } = {
  startSession: { method: 'GET', input: 'query' },
  sessionAccept: { method: 'GET', input: 'query' },
  checkSession: { method: 'GET', input: 'query' },
  checkSessionWithData: { method: 'GET', input: 'query' },
  setSessionData: { method: 'PUT', input: 'json-body' },
  closeSession: { method: 'GET', input: 'query' },
  getServiceState: { method: 'GET', input: 'query' },
  logoutAgentFromChannel: { method: 'GET', input: 'query' },
};

/** The default REST/JSON endpoint path, as on a TVox host. */
export const DEFAULT_BASE_PATH = '/mc/cxf/rest/json';

/** The path of an operation below the endpoint: `/${name}`. */
export function operationPath(operation: OperationName): string {
  return `/${operation}`;
}

/** Every operation with its binding, in the table's order. */
export function boundOperations(): { operation: OperationName; binding: RestBinding }[] {
  return operationNames.map((operation) => ({ operation, binding: restBindings[operation] }));
}

/** Removes trailing slashes and makes sure a path starts with one (`''` stays `''`). */
export function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
