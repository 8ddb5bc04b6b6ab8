import { operations } from '@mcc/core';
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
});
