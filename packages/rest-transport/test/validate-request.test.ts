// Core's validateRequest (zod as the judge behind a fast check of the common values, core's
// wire/fast-check.ts) against the zod-only reading it replaced: over the hostile REST corpus as the
// REST server reads it, the hostile value lists and random input, the same verdict, the same typed
// request (a fast path that accepted what zod refuses, or read a value otherwise, shows here), the
// same fail reason and message.
import { parse } from 'node:querystring';
import {
  failed,
  isBlank,
  type OperationDefinition,
  type OperationName,
  operations,
  validateRequest,
} from '@mcc/core';
import { badChannelIds, badIdentifiers, prototypeNames, restHostileCorpus } from '@mcc/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** validateRequest as it was before the fast checks: every present value parsed by zod. */
function zodOnly(operation: OperationName, input: unknown) {
  const definition = operations[operation] as OperationDefinition;
  const raw = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  let worst: { reason: string; detail: string; rank: number } | undefined;
  for (const [name, param] of Object.entries(definition.request)) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    let reason: string | undefined;
    let detail = '';
    if (isBlank(value)) {
      if (param.required) {
        reason = param.missing ?? param.invalid;
        detail = `${name} is required`;
      }
    } else {
      const parsed = param.schema.safeParse(value);
      if (parsed.success) request[name] = parsed.data;
      else {
        reason = param.invalid;
        detail = `${name} is not valid (${parsed.error.issues[0]?.message ?? 'invalid value'})`;
      }
    }
    if (reason === undefined) continue;
    const rank = definition.precedence.indexOf(reason);
    const effectiveRank = rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
    if (!worst || effectiveRank < worst.rank) worst = { reason, detail, rank: effectiveRank };
  }
  if (worst) return { ok: false, result: failed(operation, worst.reason as never, worst.detail) };
  return { ok: true, request };
}

const names = Object.keys(operations) as OperationName[];
const decode = (query: string) => parse(`v=${query}`).v as string;

/** The queries of the hostile REST corpus, by operation, read as the REST server reads them. */
const corpusQueries = new Map<OperationName, unknown[]>();
for (const c of restHostileCorpus()) {
  const [path, search = ''] = c.path.split('?') as [string, string?];
  const operation = path.split('/').at(-1) as OperationName;
  if (!names.includes(operation)) continue;
  const list = corpusQueries.get(operation) ?? [];
  list.push(parse(search));
  corpusQueries.set(operation, list);
}

/** Every value the corpus and the hostile value lists hold, plus the edges of each fast check. */
const hostileValues: unknown[] = [
  ...badIdentifiers.filter((b) => b.valid).map((b) => decode(b.query)),
  ...badIdentifiers.map((b) => b.xml),
  ...badChannelIds.map(decode),
  ...prototypeNames,
  ...[...corpusQueries.values()].flat().flatMap((q) => Object.values(q as object)),
  ...['', ' ', '1003', ' 1003', '1003 ', '+1003', '-0', '0', '00', '0001003', '1', '2', '3', '4'],
  ...[
    '999999999999999',
    '9999999999999999',
    `${'0'.repeat(11)}1003`,
    `${'0'.repeat(12)}1003`,
    '1'.repeat(15),
    '1'.repeat(16),
    'NEW',
    'new',
    'x',
  ],
  ...['a'.repeat(255), 'a'.repeat(256), 'a'.repeat(4096), 'a'.repeat(65_536), 'a'.repeat(65_537)],
  ...['\u00a0', 'a\u00a0', '\ud800', 'a\ud800b', '\ufffd', '\ufffe', 'a\tb', 'a\nb', '\u0085'],
  ...[1003, 1, 1.5, -1, Number.NaN, true, null, ['1003'], ['a', 'b'], [], {}, { a: 1 }],
];

const rawValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('0', '1', '3', '9', ' ', '+', '-', '\t'), maxLength: 18 }),
  fc.nat(18).map((zeros) => `${'0'.repeat(zeros)}1003`),
  fc.constantFrom(...hostileValues),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

describe('validateRequest against the zod-only reading', () => {
  it.each(names)('%s: the same verdict and answer over the hostile REST corpus', (operation) => {
    const inputs = corpusQueries.get(operation) ?? [];
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs)
      expect(validateRequest(operation, input), JSON.stringify(input)).toEqual(zodOnly(operation, input));
  });

  it.each(names)('%s: the same verdict and answer for each hostile value in each parameter', (operation) => {
    const params = Object.keys((operations[operation] as OperationDefinition).request);
    // The other parameters valid (the corpus's first accepted input), so each value is judged alone.
    const base = (corpusQueries.get(operation) ?? []).find((q) => validateRequest(operation, q).ok) ?? {};
    for (const name of params)
      for (const value of hostileValues) {
        const input = { ...(base as object), [name]: value };
        expect(validateRequest(operation, input), `${name}=${JSON.stringify(value)}`).toEqual(
          zodOnly(operation, input),
        );
      }
  });

  it.each(names)('%s: the same verdict and answer on random input', (operation) => {
    const params = Object.keys((operations[operation] as OperationDefinition).request);
    const input = fc.dictionary(fc.constantFrom(...params, 'extra', '__proto__'), rawValue, {
      maxKeys: params.length + 1,
    });
    fc.assert(
      fc.property(input, (given) => {
        expect(validateRequest(operation, given)).toEqual(zodOnly(operation, given));
      }),
      { numRuns: 1000 },
    );
  });
});
