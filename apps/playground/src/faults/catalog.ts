import { operationNames, operations } from '@mcc/core';
import { SERVER_FAIL_REASONS } from './fail-reasons.js';
import { FAULT_KINDS, MAX_LATENCY_MS } from './schema.js';

/** What a form needs to set faults (`GET /api/faults/catalog`): the kinds, and each operation's fail reasons. */
export function faultsCatalog() {
  return {
    kinds: FAULT_KINDS,
    maxLatencyMs: MAX_LATENCY_MS,
    operations: operationNames.map((name) => ({
      name,
      readOnly: operations[name].readOnly,
      failReasons: SERVER_FAIL_REASONS[name],
    })),
  };
}
