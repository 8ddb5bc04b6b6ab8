import { describe, expect, test } from 'vitest';
import type { OperationDefinition } from './define-operation.js';
import { operationNames, operations } from './index.js';

describe('the operations table', () => {
  test.each(operationNames)(
    '%s: its server-side reasons are its own, and cover every fault mapping',
    (name) => {
      const definition: OperationDefinition = operations[name];
      const own = new Set(definition.failReason.options as string[]);
      for (const reason of definition.serverFailReasons)
        expect(own.has(reason as string), reason as string).toBe(true);
      for (const reason of Object.values(definition.faults))
        expect(definition.serverFailReasons, `${name} faults`).toContain(reason);
    },
  );

  test.each(operationNames)('%s: retrySafeWith names one of its parameters', (name) => {
    const definition: OperationDefinition = operations[name];
    if (definition.retrySafeWith !== undefined)
      expect(Object.keys(definition.request)).toContain(definition.retrySafeWith);
  });
});
