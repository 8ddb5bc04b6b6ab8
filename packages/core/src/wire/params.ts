import { z } from 'zod';
import { isManagedChannelId, MANAGED_CHANNEL_IDS } from './enums.js';

/** How a request parameter travels: an integer, a string, a repeatable string, or a wire enum. */
export type ParamKind = 'int' | 'string' | 'strings' | 'enum';

/**
 * One request parameter of an operation: its wire kind, whether it is required, the zod schema
 * that turns a present wire value (a string from a query or an XML element, or a JSON value) into
 * its typed value, and the fail reasons for a missing and an invalid value.
 */
export interface Param<T = unknown, R extends boolean = boolean, FR extends string = string> {
  readonly kind: ParamKind;
  readonly required: R;
  readonly schema: z.ZodType<T>;
  /** The wire enum for `kind: 'enum'`. */
  readonly enum?: z.ZodEnum;
  /** Fail reason when a required parameter is missing or blank. */
  readonly missing?: FR;
  /** Fail reason when the parameter is present but invalid. */
  readonly invalid: FR;
  /** What the parameter means, from the reference. */
  readonly description: string;
  /** Largest accepted length, for generated documents. */
  readonly maxLength?: number;
}

interface ParamOptions<R extends boolean, FR extends string> {
  required: R;
  description: string;
  missing?: FR;
  invalid: FR;
}

const INTEGER = /^\s*[+-]?\d{1,15}\s*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** True for a value that counts as not given: absent, null, blank string, or an empty list. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** A scalar wire value: a lone string, number or boolean, or a one-element list of one. */
function scalar(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) return scalar(value[0]);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

const wireString = z.preprocess(scalar, z.string());
const wireInt = z.preprocess(
  (v) => (typeof v === 'number' ? v : scalar(v)),
  z.union([z.number().int(), z.string().regex(INTEGER).transform(Number)], { error: 'must be an integer' }),
);

/** Builders for the parameters of the operations table. */
export const param = {
  /** An `int` parameter. */
  int<R extends boolean, FR extends string>(
    options: ParamOptions<R, FR> & { check?: (n: number) => boolean; checkMessage?: string },
  ): Param<number, R, FR> {
    const { check, checkMessage, ...rest } = options;
    const schema = check ? wireInt.pipe(z.number().refine(check, checkMessage)) : wireInt.pipe(z.number());
    return { kind: 'int', ...rest, schema };
  },

  /** A channel id: an integer that must be one of the channels MCC manages (1, 2, 3, 1003). */
  channelId<R extends boolean, FR extends string>(options: ParamOptions<R, FR>): Param<number, R, FR> {
    return param.int({
      ...options,
      check: isManagedChannelId,
      checkMessage: `must be one of the MCC channels ${MANAGED_CHANNEL_IDS.join(', ')}`,
    });
  },

  /** A `String` parameter, optionally capped in length and refusing control characters. */
  string<R extends boolean, FR extends string>(
    options: ParamOptions<R, FR> & { maxLength?: number; noControlCharacters?: boolean },
  ): Param<string, R, FR> {
    let inner = z.string();
    if (options.maxLength !== undefined) inner = inner.max(options.maxLength);
    const checked = options.noControlCharacters
      ? inner.refine((s) => !CONTROL_CHARACTERS.test(s), 'control characters are not allowed')
      : inner;
    return { kind: 'string', ...options, schema: wireString.pipe(checked) };
  },

  /**
   * A `Set<String>` parameter: repeated values and comma-separated lists alike, trimmed, duplicates
   * collapsed; a blank member or more than `maxItems` members is invalid.
   */
  strings<R extends boolean, FR extends string>(
    options: ParamOptions<R, FR> & { maxItems: number },
  ): Param<string[], R, FR> {
    const schema = z
      .preprocess(
        (v) => (Array.isArray(v) ? v : [v]).map((x) => scalar(x)),
        z.array(z.string()).transform((list) => list.flatMap((s) => s.split(',')).map((s) => s.trim())),
      )
      .pipe(
        z
          .array(z.string().min(1))
          .transform((list) => [...new Set(list)])
          .pipe(z.array(z.string()).min(1).max(options.maxItems)),
      );
    return { kind: 'strings', ...options, schema };
  },

  /** The id of an existing session: missing, blank or unknown is `INVALID_SESSION_ID`. */
  sessionId(): Param<string, true, 'INVALID_SESSION_ID'> {
    return param.string({
      required: true,
      missing: 'INVALID_SESSION_ID',
      invalid: 'INVALID_SESSION_ID',
      description: 'Session ID',
    });
  },

  /** A parameter whose value is one of a wire enum's values. */
  enum<E extends z.ZodEnum, R extends boolean, FR extends string>(
    values: E,
    options: ParamOptions<R, FR>,
  ): Param<z.output<E>, R, FR> {
    return {
      kind: 'enum',
      ...options,
      enum: values,
      schema: z.preprocess(scalar, values) as z.ZodType<z.output<E>>,
    };
  },
};
