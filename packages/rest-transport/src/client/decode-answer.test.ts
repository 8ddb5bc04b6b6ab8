import {
  CommandResult,
  defineOperation,
  defineResult,
  MccClientError,
  type OperationName,
  type OperationTable,
  operations,
  wireEnum,
} from '@mcc/core';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { decodeAnswer, unwrapRoot } from './decode-answer.js';

describe('unwrapRoot', () => {
  test('unwraps a single root holding a result', () => {
    expect(unwrapRoot({ startSessionResult: { result: 'SUCCESS' } })).toEqual({ result: 'SUCCESS' });
    expect(unwrapRoot({ LogoutAgentResult: { result: 'FAILED' } })).toEqual({ result: 'FAILED' });
  });

  test('leaves anything else alone', () => {
    const bare = { result: 'SUCCESS', sessionId: 's' };
    expect(unwrapRoot(bare)).toBe(bare);
    const twoKeys = { a: { result: 'SUCCESS' }, b: 1 };
    expect(unwrapRoot(twoKeys)).toBe(twoKeys);
    const noResult = { wrapper: { sessionId: 's' } };
    expect(unwrapRoot(noResult)).toBe(noResult);
    expect(unwrapRoot(null)).toBeNull();
  });
});

describe('decodeAnswer', () => {
  test('reads CXF integers-as-strings and entry maps', () => {
    expect(
      decodeAnswer('logoutAgentFromChannel', { result: 'SUCCESS', channelId: ' 2 ', agentUsername: 'carol' }),
    ).toEqual({ result: 'SUCCESS', channelId: 2, agentUsername: 'carol' });
    expect(
      decodeAnswer('getServiceState', {
        result: 'SUCCESS',
        channelId: 1,
        state: { entry: { key: 'A', value: 'OVERTIME' } },
      }),
    ).toEqual({ result: 'SUCCESS', channelId: 1, state: { A: 'OVERTIME' } });
  });

  test('an unknown session status reaches the caller as written (core reader)', () => {
    expect(
      decodeAnswer('checkSession', { result: 'SUCCESS', sessionId: 's', status: 'PAUSED' }),
    ).toMatchObject({
      status: 'PAUSED',
    });
  });

  test('strict: every CXF quirk is a deviation', () => {
    const jettison = { checkSessionResult: { result: 'SUCCESS', sessionId: 's', status: 'NEW' } };
    expect(decodeAnswer('checkSession', jettison)).toEqual({
      result: 'SUCCESS',
      sessionId: 's',
      status: 'NEW',
    });
    expect(() => decodeAnswer('checkSession', jettison, { strict: true })).toThrow(/wrapped in a root/);
    const stringly = { result: 'SUCCESS', channelId: '2', state: { entry: { key: 'A', value: 'ACTIVE' } } };
    expect(() => decodeAnswer('getServiceState', stringly, { strict: true })).toThrow(/as a string/);
  });

  test('a non-numeric channelId stays malformed', () => {
    expect(() => decodeAnswer('getServiceState', { result: 'SUCCESS', channelId: 'one', state: {} })).toThrow(
      MccClientError,
    );
  });
});

describe('decodeAnswer with a copied table', () => {
  const Reason = wireEnum('TallyReason', { GENERIC: 'Generic error' });
  const tally = defineOperation({
    name: 'tally',
    summary: 'A throw-away operation of this test.',
    readOnly: true,
    request: {},
    failReason: Reason,
    precedence: ['GENERIC'],
    serverFailReasons: ['GENERIC'],
    faults: {},
    result: defineResult(
      'TallyResult',
      {
        result: CommandResult,
        count: z.number().int().optional(),
        byNote: z.record(z.string(), z.string()).optional(),
        failReason: Reason.optional(),
        failReasonMessage: z.string().optional(),
      },
      ['count'],
    ),
  });
  const table = { ...operations, tally } satisfies OperationTable;
  const name = 'tally' as OperationName;

  test("the row's own int and map fields get the CXF treatment (not just MCC's channelId and state)", () => {
    const cxf = {
      tallyResult: { result: 'SUCCESS', count: '4', byNote: { entry: [{ key: 'a', value: 'x' }] } },
    };
    expect(decodeAnswer(name, cxf, { operations: table })).toEqual({
      result: 'SUCCESS',
      count: 4,
      byNote: { a: 'x' },
    });
    expect(() => decodeAnswer(name, cxf, { operations: table, strict: true })).toThrow(
      /count: an integer written as a string.*byNote: a map written as an entry list/,
    );
  });
});
