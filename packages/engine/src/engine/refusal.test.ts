import { describe, expect, test } from 'vitest';
import { Refusal, refusalResult, refuse } from './refusal.js';

describe('refuse', () => {
  test("takes only the operation's own fail reasons (type test)", () => {
    expect(() => refuse<'startSession'>('NO_LICENSE', 'all in use')).toThrow(Refusal);
    // @ts-expect-error a misspelt reason does not compile
    expect(() => refuse<'startSession'>('NO_LICENS', 'typo')).toThrow(Refusal);
    // @ts-expect-error another operation's reason does not compile either
    expect(() => refuse<'startSession'>('USER_NOT_LOGGED')).toThrow(Refusal);
  });

  test("a refusal becomes the operation's FAILED result with a readable message", () => {
    const refusal = catchIt(() =>
      refuse<'startSession'>('NO_LICENSE', 'channel 1 has 2 of 2 licences in use'),
    );
    expect(refusalResult('startSession', refusal)).toMatchObject({
      result: 'FAILED',
      failReason: 'NO_LICENSE',
      failReasonMessage: expect.stringMatching(/: channel 1 has 2 of 2 licences in use$/),
    });
  });

  test('a reason the operation does not have, or any other error, is no refusal result', () => {
    expect(refusalResult('closeSession', new Refusal('NO_LICENSE'))).toBeUndefined();
    expect(refusalResult('startSession', new Error('NO_LICENSE'))).toBeUndefined();
  });
});

function catchIt(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}
