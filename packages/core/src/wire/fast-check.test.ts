import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type OperationDefinition, operations } from '../operations/index.js';
import { fastCheckOf, UNDECIDED } from './fast-check.js';
import { param } from './params.js';

const params = Object.values(operations).flatMap((definition) =>
  Object.entries((definition as OperationDefinition).request).map(
    ([name, p]) => [`${definition.name}.${name}`, p] as const,
  ),
);

describe('fast checks (the differential test against zod: rest-transport test/validate-request.test.ts)', () => {
  it.each(params)('%s has one unless it is a list', (_, p) => {
    expect(fastCheckOf(p.schema) !== undefined).toBe(p.kind !== 'strings');
  });

  it('decide the common values and leave the rest to zod', () => {
    const sessionId = fastCheckOf(param.sessionId().schema)!;
    expect(sessionId('bench-seed')).toBe('bench-seed');
    expect(sessionId('a\u0000b')).toBe(UNDECIDED);
    expect(sessionId(['bench-seed'])).toBe(UNDECIDED);
    const channel = fastCheckOf(operations.startSession.request.channelId.schema)!;
    expect(channel('1003')).toBe(1003);
    expect(channel('1004')).toBe(UNDECIDED);
    expect(channel(' 1003')).toBe(UNDECIDED);
    expect(channel(1003)).toBe(UNDECIDED);
    const reason = fastCheckOf(operations.closeSession.request.reason.schema)!;
    for (const value of operations.closeSession.request.reason.enum!.options)
      expect(reason(value)).toBe(value);
    expect(reason('toString')).toBe(UNDECIDED);
    const capped = fastCheckOf(
      param.string({ required: false, invalid: 'X', description: '', maxLength: 3 }).schema,
    )!;
    expect(capped('abc')).toBe('abc');
    expect(capped('abcd')).toBe(UNDECIDED);
    expect(capped('a\ufffeb')).toBe(UNDECIDED);
  });

  it('belong to the schema: a parameter given another schema has none', () => {
    const given = { ...param.sessionId(), schema: z.string() };
    expect(fastCheckOf(given.schema)).toBeUndefined();
  });
});
