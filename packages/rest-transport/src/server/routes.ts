import { type OperationName, type OperationTable, operations } from '@mcc/core';
import { boundOperations, operationPath, type RestBinding } from '../shared/rest-bindings.js';
import type { ResolvedRestHandlerOptions } from './options.js';

/** What the handler does at one path. */
export type Route =
  | { kind: 'operation'; operation: OperationName; binding: RestBinding; allow: string }
  | { kind: 'endpoint'; allow: string }
  | { kind: 'wadl'; allow: string }
  | { kind: 'openapi'; allow: string };

const DOCUMENT_ALLOW = 'GET, HEAD, OPTIONS';

/**
 * The routing table, computed once from the operations table (default: the MCC one) and the REST
 * bindings: exact paths only (a map lookup per request). The endpoint path itself answers `?_wadl`
 * like CXF does.
 */
export function buildRoutes(
  options: ResolvedRestHandlerOptions,
  table: OperationTable = operations,
): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const { operation, binding } of boundOperations(table)) {
    routes.set(`${options.basePath}${operationPath(operation)}`, {
      kind: 'operation',
      operation,
      binding,
      allow: `${binding.method}, OPTIONS`,
    });
  }
  if (options.wadlPath !== false) {
    routes.set(options.basePath || '/', { kind: 'endpoint', allow: DOCUMENT_ALLOW });
    routes.set(options.wadlPath, { kind: 'wadl', allow: DOCUMENT_ALLOW });
  }
  if (options.openApiPath !== false)
    routes.set(options.openApiPath, { kind: 'openapi', allow: DOCUMENT_ALLOW });
  return routes;
}

/** Whether a query string asks for the WADL (`_wadl`, CXF's switch). */
export function asksForWadl(search: string): boolean {
  return /(?:^|&)_wadl(?:[=&]|$)/.test(search);
}
