import { readFileSync } from 'node:fs';
import { type OperationName, operationNames } from '@mcc/core';

/** One golden wire case: a call, the exact HTTP request it is, and the exact HTTP response. */
export interface WireCase {
  name: string;
  operation: OperationName;
  /** The typed request (the client's input and what the service receives). */
  request: Record<string, unknown>;
  http: { method: string; path: string; query?: string; contentType?: string; body?: string };
  /** The service's result (and what the client returns). */
  result: Record<string, unknown>;
  response: { status: number; contentType: string; body: string };
}

/** The golden cases of every operation (`test/fixtures/wire/<operation>.json`). */
export function loadWireCases(): WireCase[] {
  return operationNames.flatMap((operation) => {
    const url = new URL(`../fixtures/wire/${operation}.json`, import.meta.url);
    const cases = JSON.parse(readFileSync(url, 'utf8')) as Omit<WireCase, 'operation'>[];
    return cases.map((c) => ({ ...c, operation }));
  });
}

/** The request target of a golden case (path and query). */
export function target(wire: WireCase): string {
  return wire.http.query ? `${wire.http.path}?${wire.http.query}` : wire.http.path;
}
