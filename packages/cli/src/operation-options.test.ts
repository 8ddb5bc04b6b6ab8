import { operationNames, operations } from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { UsageError } from './exit-codes.js';
import { buildRequest, kebab, operationCommands, operationOptions } from './operation-options.js';

describe('operation options, from the operations table', () => {
  test('one command per operation, one option per parameter', () => {
    expect([...operationCommands.values()]).toEqual(operationNames);
    expect(operationCommands.get('check-session-with-data')).toBe('checkSessionWithData');
    for (const operation of operationNames) {
      expect(operationOptions(operation).map((o) => o.name)).toEqual(
        Object.keys(operations[operation].request),
      );
    }
    expect(kebab('logoutAgentFromChannel')).toBe('logout-agent-from-channel');
  });

  test('values are checked by the parameters’ own schemas', () => {
    expect(buildRequest('getServiceState', { 'channel-id': '1003', 'service-codes': ['A,B', 'C'] })).toEqual({
      channelId: 1003,
      serviceCodes: ['A', 'B', 'C'],
    });
    expect(() => buildRequest('getServiceState', { 'channel-id': '7', 'service-codes': ['A'] })).toThrow(
      /--channel-id: must be one of the MCC channels/,
    );
    expect(() => buildRequest('checkSession', {})).toThrow(UsageError);
    expect(buildRequest('closeSession', { 'session-id': 's' })).toEqual({ sessionId: 's' });
  });
});
