import { type OperationDefinition, operations } from '@mcc/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { serializeResult } from './serialize-result.js';

describe('serializeResult', () => {
  test("writes the reference's field order whatever order the service used", () => {
    const json = serializeResult(operations.startSession, {
      contactValue: '+39',
      failReasonMessage: undefined,
      sessionId: 's1',
      result: 'SUCCESS',
    });
    expect(json).toBe('{"result":"SUCCESS","sessionId":"s1","contactValue":"+39"}');
  });

  test('omits null and undefined fields and anything the result type does not have', () => {
    const json = serializeResult(operations.closeSession, {
      result: 'SUCCESS',
      sessionId: 's1',
      failReason: null,
      secret: 'x',
    });
    expect(json).toBe('{"result":"SUCCESS","sessionId":"s1"}');
  });

  test('keeps the service-state map as a JSON object', () => {
    const json = serializeResult(operations.getServiceState, {
      result: 'SUCCESS',
      channelId: 1,
      state: { A: 'ACTIVE' },
    });
    expect(json).toBe('{"result":"SUCCESS","state":{"A":"ACTIVE"},"channelId":1}');
  });

  /** The writer it replaced: the schema's fields picked into an object, then JSON.stringify. */
  function picked(definition: OperationDefinition, result: Record<string, unknown>): string {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(definition.result.wire.shape)) {
      const value = result[key];
      if (value !== undefined && value !== null) out[key] = value;
    }
    return JSON.stringify(out);
  }

  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\u0000', '\u001f', '\u007f', '\ud800', '\udc00', 'é'),
      maxLength: 6,
    }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom(null, undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, () => 1, Symbol('s')),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue(), { maxKeys: 3 }),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.date({ noInvalidDate: true }),
    fc.constant({ toJSON: (key: string) => `key ${key}` }),
    fc.constant({ toJSON: () => undefined }),
  );

  test.each(Object.values(operations))(
    '$name: the same text as JSON.stringify of the picked fields',
    (definition) => {
      const keys = [...Object.keys(definition.result.wire.shape), 'extra'];
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value), (result) => {
          expect(serializeResult(definition, result)).toBe(picked(definition, result));
        }),
        { numRuns: 1000 },
      );
    },
  );
});
