import { z } from 'zod';
import { isManagedChannelId, MANAGED_CHANNEL_IDS } from './enums.js';
import { fastEnum, fastInt, fastString, withFastCheck } from './fast-check.js';

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
  /** An identifier (a session id, a code): checked by {@link identifierProblem}. Free text when absent. */
  readonly noControlCharacters?: boolean;
}

interface ParamOptions<R extends boolean, FR extends string> {
  required: R;
  description: string;
  missing?: FR;
  invalid: FR;
}

/** White space as the wire formats define it (XML S, JSON ws): space, tab, CR, LF. No NBSP. */
const WIRE_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const INTEGER = /^[ \t\r\n]*[+-]?[0-9]{1,15}[ \t\r\n]*$/;

/**
 * What no string parameter may hold: the characters an XML 1.0 answer cannot carry (C0 controls
 * but tab, LF and CR; U+FFFE, U+FFFF), NUL included (no database text type stores it), and lone
 * surrogates (no UTF-8 encoding). Refused rather than dropped, so that every store and both
 * transports see the same value.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNCARRIABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\p{Cs}\ufffe\uffff]/u;

/**
 * What an identifier (a session id, a service code) may not hold besides: any control character
 * (C0, DEL, C1), any noncharacter, and U+FFFD (what invalid UTF-8 decodes to: two different byte
 * strings would otherwise be one id).
 */
const NOT_IN_IDENTIFIERS = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\ufffd]/u;

/** `value` without leading and trailing wire white space (not `String.trim`: NBSP is content). */
export function trimWireSpace(value: string): string {
  return value.replace(WIRE_SPACE, '');
}

/**
 * Why `value` is not an acceptable identifier, or `undefined` when it is: the one check of
 * identifiers at the boundary, the same whatever the transport and the store.
 */
export function identifierProblem(value: string): string | undefined {
  return NOT_IN_IDENTIFIERS.test(value)
    ? 'control characters, noncharacters and U+FFFD are not allowed'
    : undefined;
}

/** Whether the character at `at` is wire white space (see {@link trimWireSpace}). */
function isWireSpace(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** True for a value that counts as not given: absent, null, blank string, or an empty list. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string')
    return value.length === 0 || (isWireSpace(value, 0) && trimWireSpace(value) === '');
  if (Array.isArray(value)) return value.every(isBlank);
  return false;
}

/** A scalar wire value: a lone string, number or boolean, or a one-element list of one. */
function scalar(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) return scalar(value[0]);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

/** A string any answer can carry (see {@link UNCARRIABLE}). */
const carriable = z
  .string()
  .refine(
    (s) => !UNCARRIABLE.test(s),
    'control characters, noncharacters and lone surrogates are not allowed',
  );

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
    return { kind: 'int', ...rest, schema: withFastCheck(schema, fastInt(check)) };
  },

  /** A channel id: an integer that must be one of the channels MCC manages (1, 2, 3, 1003). */
  channelId<R extends boolean, FR extends string>(options: ParamOptions<R, FR>): Param<number, R, FR> {
    return param.int({
      ...options,
      check: isManagedChannelId,
      checkMessage: `must be one of the MCC channels ${MANAGED_CHANNEL_IDS.join(', ')}`,
    });
  },

  /**
   * A `String` parameter, optionally capped in length. Characters no answer can carry are
   * refused (NUL, C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates); with
   * `noControlCharacters` it is an identifier and {@link identifierProblem} applies too.
   */
  string<R extends boolean, FR extends string>(
    options: ParamOptions<R, FR> & { maxLength?: number; noControlCharacters?: boolean },
  ): Param<string, R, FR> {
    let inner = z.string();
    if (options.maxLength !== undefined) inner = inner.max(options.maxLength);
    const checked = options.noControlCharacters
      ? inner.superRefine((s, ctx) => {
          const problem = identifierProblem(s);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
      : inner.pipe(carriable);
    const fast = fastString(
      options.maxLength,
      options.noControlCharacters ? NOT_IN_IDENTIFIERS : UNCARRIABLE,
    );
    return { kind: 'string', ...options, schema: withFastCheck(wireString.pipe(checked), fast) };
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
        z.array(z.string()).transform((list) => list.flatMap((s) => s.split(',')).map(trimWireSpace)),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .min(1)
              .refine(
                (s) => identifierProblem(s) === undefined,
                'control characters, noncharacters and U+FFFD are not allowed',
              ),
          )
          .transform((list) => [...new Set(list)])
          .pipe(z.array(z.string()).min(1).max(options.maxItems)),
      );
    return { kind: 'strings', ...options, schema };
  },

  /**
   * The id of an existing session: missing, blank, not an identifier (see
   * {@link identifierProblem}) or unknown is `INVALID_SESSION_ID`, before any store is asked.
   */
  sessionId(): Param<string, true, 'INVALID_SESSION_ID'> {
    return param.string({
      required: true,
      missing: 'INVALID_SESSION_ID',
      invalid: 'INVALID_SESSION_ID',
      noControlCharacters: true,
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
      schema: withFastCheck(z.preprocess(scalar, values), fastEnum(values.options as string[])) as z.ZodType<
        z.output<E>
      >,
    };
  },
};
