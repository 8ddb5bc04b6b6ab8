import { describe, expect, test } from 'vitest';
import { operations } from './index.js';
import { resultFields, resultFieldsOfKind } from './result-fields.js';

describe('resultFields', () => {
  test("getServiceState: the map field and its values' enum, in the reference's order", () => {
    const fields = resultFields(operations.getServiceState);
    expect(fields.map((f) => f.name)).toEqual(Object.keys(operations.getServiceState.result.wire.shape));
    const state = fields.find((f) => f.name === 'state')!;
    expect(state.type.kind).toBe('map');
    expect(state.optional).toBe(true);
    expect(resultFieldsOfKind(operations.getServiceState, 'map')).toEqual(['state']);
    expect(resultFields(operations.getServiceState)).toBe(fields);
  });

  test('no other operation has a map; enums and strings are told apart', () => {
    for (const [name, definition] of Object.entries(operations))
      if (name !== 'getServiceState') expect(resultFieldsOfKind(definition, 'map'), name).toEqual([]);
    const start = resultFields(operations.startSession);
    expect(start.find((f) => f.name === 'result')).toMatchObject({ type: { kind: 'enum' }, optional: false });
    expect(start.find((f) => f.name === 'sessionId')).toMatchObject({
      type: { kind: 'string' },
      optional: true,
    });
  });
});
