import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../operations/define-operation.js';
import { type OperationName, type OperationTable, operations } from '../operations/index.js';
import { CommandResult } from '../wire/enums.js';
import { param } from '../wire/params.js';
import { defineResult } from '../wire/result.js';
import { wireEnum } from '../wire/wire-enum.js';
import { MccClientError } from './client-error.js';
import { readResult } from './read-result.js';
import { isRetrySafe, withRetry } from './retry.js';

// A throw-away row that changes something and is safe to repeat only with its `token`.
const TallyFailReason = wireEnum('TallyFailReason', { GENERIC: 'Generic error' });
const tally = defineOperation({
  name: 'tally',
  summary: 'Count a note (a throw-away operation of this test).',
  readOnly: false,
  retrySafeWith: 'token',
  request: {
    note: param.string({
      required: true,
      missing: 'GENERIC',
      invalid: 'GENERIC',
      maxLength: 8,
      description: 'A note',
    }),
    token: param.string({ required: false, invalid: 'GENERIC', maxLength: 8, description: 'A token' }),
  },
  failReason: TallyFailReason,
  precedence: ['GENERIC'],
  serverFailReasons: ['GENERIC'],
  faults: { internal: 'GENERIC' },
  result: defineResult(
    'TallyResult',
    {
      result: CommandResult,
      count: z.number().int().optional(),
      failReason: TallyFailReason.optional(),
      failReasonMessage: z.string().optional(),
    },
    ['count'],
  ),
});
const table = { ...operations, tally } satisfies OperationTable;
const name = 'tally' as OperationName;

describe('core client helpers take an operations table', () => {
  test('readResult reads a row of the given table, strictly too', () => {
    expect(readResult(name, { result: 'SUCCESS', count: 3 }, { operations: table })).toEqual({
      result: 'SUCCESS',
      count: 3,
    });
    expect(() =>
      readResult(name, { result: 'SUCCESS', count: 3, extra: 1 }, { operations: table, strict: true }),
    ).toThrow(MccClientError);
    expect(() => readResult(name, { result: 'SUCCESS', count: 'three' }, { operations: table })).toThrow(
      /count/,
    );
  });

  test('an operation the table lacks is a programming error, not a made-up result', () => {
    expect(() => readResult(name, { result: 'SUCCESS' })).toThrow(TypeError);
    expect(() => readResult('toString' as OperationName, { result: 'SUCCESS' })).toThrow(TypeError);
  });

  test("isRetrySafe reads the table's row: retrySafeWith, and never for a name it lacks", () => {
    expect(isRetrySafe(name, { note: 'a' } as never, table)).toBe(false);
    expect(isRetrySafe(name, { note: 'a', token: 't' } as never, table)).toBe(true);
    expect(isRetrySafe(name, { note: 'a', token: 't' } as never)).toBe(false);
    expect(isRetrySafe('checkSession', { sessionId: 's' }, table)).toBe(true);
  });

  test('withRetry retries a retry-safe row of the table', async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      if (calls === 1) throw new MccClientError('NETWORK_ERROR', 'reset', { retryable: true });
      return { result: 'SUCCESS' } as never;
    };
    const request = { note: 'a', token: 't' } as never;
    await expect(withRetry(name, request, attempt, { minDelayMs: 1 }, undefined, table)).resolves.toEqual({
      result: 'SUCCESS',
    });
    expect(calls).toBe(2);
  });
});
