import { z } from 'zod';

/** The `--help` section a setting is listed under, in this order. */
export const SETTING_GROUPS = {
  server: 'Server:',
  access: 'Access control (docs/security.md); secrets come from the environment or a file, never flags:',
  limits: 'Limits:',
  gateway:
    'Gateway mode and webhooks (docs/gateway.md); upstream credentials in MCC_UPSTREAM_USERNAME and MCC_UPSTREAM_PASSWORD:',
} as const;

/** A section of {@link SETTING_GROUPS}. */
export type SettingGroup = keyof typeof SETTING_GROUPS;

/** What a setting is given as: a flag's or variable's text, undefined when not given. */
export type SettingInput = string | undefined;

/**
 * One row of the settings table: where the value comes from (a flag, an environment variable or
 * both; the flag wins), how `--help` describes it, and the zod schema that turns the text given
 * (undefined when absent) into the value, default included.
 */
export interface Setting<T = unknown> {
  /** The long flag without `--`; none for a secret (secrets never come from flags). */
  flag?: string;
  /** A one-letter alias of the flag. */
  short?: string;
  /** The environment variable. */
  env?: string;
  /** A switch: the flag takes no value (the variable takes true/false, 1/0, yes/no, on/off). */
  switch?: true;
  /** The value's placeholder in `--help` (`N`, `FILE`, `URL`). */
  arg?: string;
  /** A secret: never echoed in an error message. */
  secret?: true;
  group: SettingGroup;
  /** One line for `--help`. */
  help: string;
  /** The default as `--help` shows it. */
  defaultText?: string;
  schema: z.ZodType<T, SettingInput>;
}

/** Declares a row of the settings table (keeps the value type of its schema). */
export function setting<T>(row: Setting<T>): Setting<T> {
  return row;
}

/** Text, or `fallback` when not given. */
export function text(fallback: string): z.ZodType<string, SettingInput> {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .optional()
    .transform((value) => value ?? fallback);
}

/** Text that may be left out. */
export function optionalText(): z.ZodType<string | undefined, SettingInput> {
  return z.string().optional();
}

/** A whole number from `min` to `max`; `fallback` when not given. */
export function wholeNumber<F extends number | undefined>(
  min: number,
  max: number,
  fallback: F,
): z.ZodType<number | F, SettingInput> {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message))
    .optional()
    .transform((value) => value ?? fallback);
}

/** A switch: true/false, 1/0, yes/no, on/off; false when not given. */
export function onOff(): z.ZodType<boolean, SettingInput> {
  return z
    .stringbool({ error: 'must be true or false' })
    .optional()
    .transform((value) => value ?? false);
}

/** `user:password,user2:password2`, each entry split at its first colon. */
export function userList(): z.ZodType<Record<string, string>, SettingInput> {
  const entry = z
    .string()
    .regex(
      /^[^:]*[^:\s][^:]*:.+$/s,
      'must be a comma-separated list of user:password (an entry has no password)',
    )
    .transform((item) => {
      const colon = item.indexOf(':');
      return [item.slice(0, colon).trim(), item.slice(colon + 1)] as const;
    });
  return z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').filter((item) => item.trim() !== ''))
    .pipe(z.array(entry))
    .transform((entries) => Object.fromEntries(entries));
}

/** `key,key2`: non-empty keys, trimmed. */
export function keyList(): z.ZodType<string[], SettingInput> {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    );
}
