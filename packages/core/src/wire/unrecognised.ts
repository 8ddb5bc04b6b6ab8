import { z } from 'zod';

declare const unrecognised: unique symbol;

/**
 * An enum value this toolkit does not know (a newer server's status or fail reason), passed to the
 * caller as it was written. Branded, so that a `switch` over the known values still narrows: once
 * every known value has its `case`, what is left in `default` is `Unrecognised`.
 *
 * @example
 * switch (answer.failReason) {
 *   case 'INVALID_SESSION_ID': …; break;
 *   default: { const other: Unrecognised = answer.failReason; log(`new fail reason ${other}`); }
 * }
 */
export type Unrecognised = string & { readonly [unrecognised]: true };

/** `T` with every string-literal union (an enum) opened to {@link Unrecognised} values too. */
export type Open<T> = T extends string
  ? string extends T
    ? T
    : T | Unrecognised
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { [K in keyof T]: Open<T[K]> }
      : T;

/** Whether `value` is one of the known values of `values` (a wire enum), narrowing it if so. */
export function isKnownValue<E extends z.ZodEnum>(values: E, value: string): value is z.output<E> & string {
  return (values.options as readonly string[]).includes(value);
}

/**
 * The tolerant form of a schema: an enum also accepts any other string (kept as written); optional
 * fields and record values are opened inside; anything else is returned as it is.
 */
export function openSchema(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return openSchema(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodEnum) return z.union([schema, z.string()]);
  if (schema instanceof z.ZodRecord)
    return z.record(schema.keyType as z.ZodString, openSchema(schema.valueType as z.ZodType));
  return schema;
}
