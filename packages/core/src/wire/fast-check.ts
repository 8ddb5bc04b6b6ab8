import type { z } from 'zod';

/** What a fast check answers when it cannot decide: the parameter's zod schema judges. */
export const UNDECIDED: unique symbol = Symbol('undecided');

/**
 * A fast check of a present (not blank) wire value: the value zod would parse it to, or
 * {@link UNDECIDED}. It never refuses: whatever it does not accept on sight goes to the zod schema,
 * which alone decides a refusal and writes its message. So a fast check only ever answers for a
 * value its schema accepts, with the same output (the differential test in
 * `validate-request.test.ts` holds every check to that).
 */
export type FastCheck = (value: unknown) => unknown;

/**
 * Fast checks by the schema they stand for: registered by the `param` builders next to the schema
 * they build from the same options. A parameter given another schema (a copy with `schema`
 * replaced) has none, and is judged by its schema alone.
 */
const fastChecks = new WeakMap<z.ZodType, FastCheck>();

/** Registers `check` as the fast check of `schema`; returns `schema`. */
export function withFastCheck<S extends z.ZodType>(schema: S, check: FastCheck): S {
  fastChecks.set(schema, check);
  return schema;
}

/** The fast check of `schema`, if its builder registered one. */
export function fastCheckOf(schema: z.ZodType): FastCheck | undefined {
  return fastChecks.get(schema);
}

/** A string of at most `maxLength` code units (zod's `max`) that `refused` does not match. */
export function fastString(maxLength: number | undefined, refused: RegExp): FastCheck {
  const max = maxLength ?? Number.POSITIVE_INFINITY;
  return (value) =>
    typeof value === 'string' && value.length <= max && !refused.test(value) ? value : UNDECIDED;
}

/** Plain decimal digits only (no sign, no white space, which zod also reads): at most 15 of them. */
const DIGITS = /^[0-9]{1,15}$/;

/** An integer written as plain digits, as `Number` reads it, that passes `check` when given. */
export function fastInt(check?: (n: number) => boolean): FastCheck {
  return (value) => {
    if (typeof value !== 'string' || !DIGITS.test(value)) return UNDECIDED;
    const n = Number(value);
    return check && !check(n) ? UNDECIDED : n;
  };
}

/** A string that is one of `values`. */
export function fastEnum(values: readonly string[]): FastCheck {
  const known = new Set(values);
  return (value) => (typeof value === 'string' && known.has(value) ? value : UNDECIDED);
}
