import { type OperationName, operationNames } from '@mcc/core';
import { z } from 'zod';
import { SERVER_FAIL_REASONS } from './fail-reasons.js';

/** The kinds of fault, in the order a call is checked for them (latency first, then one outcome). */
export const FAULT_KINDS = ['latency', 'drop', 'unavailable', 'serverError', 'failReason'] as const;
/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];
/** The kinds that answer instead of the engine (at most one per call). */
export const OUTCOME_KINDS = ['drop', 'unavailable', 'serverError', 'failReason'] as const;

/** Longest latency that can be injected (the server's request timeout is 30 s). */
export const MAX_LATENCY_MS = 60_000;

const DEFAULT_SERVER_ERROR = 'Internal server error (injected fault).';
const RATE_MESSAGE = 'must be a number from 0 to 1 (the share of calls)';
const TEXT_MESSAGE = 'must be a text of 1 to 500 characters';

/**
 * An object of exactly `shape`'s keys. Each unknown key becomes an issue of its own in
 * {@link FaultsConfigError} (the message of zod's `unrecognized_keys` issue is what was expected).
 */
function closed<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `expected ${keys}` : `must be an object with ${keys}`,
  });
}

/** A whole number from `min` to `max`. */
function int(min: number, max: number) {
  const error = `must be an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** The share of calls that get a fault: 0–1, 1 when absent. */
const rate = z
  .number({ error: RATE_MESSAGE })
  .min(0, { error: RATE_MESSAGE })
  .max(1, { error: RATE_MESSAGE })
  .default(1)
  .meta({ id: 'FaultRate', description: 'The share of calls that get the fault, 0 to 1 (default 1).' });

/** A value that is a plain object (for checks that read the raw input beside per-field issues). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const latencyMs = int(0, MAX_LATENCY_MS);

/** `latency`: `ms` (fixed) or `minMs` and `maxMs` (uniformly random), read as `{ minMs, maxMs, rate }`. */
const Latency = closed({
  ms: latencyMs.optional().meta({ description: 'A fixed delay (instead of minMs and maxMs).' }),
  minMs: latencyMs.optional().meta({ description: 'The shortest delay, with maxMs (random between them).' }),
  maxMs: latencyMs.optional().meta({ description: 'The longest delay, with minMs (random between them).' }),
  rate,
})
  .superRefine(
    (parsed, ctx) => {
      // Runs beside the per-field issues (`when`), so it reads the raw value.
      const value: unknown = parsed;
      if (!isRecord(value)) return;
      const given = (key: string) => value[key] !== undefined;
      if (given('ms') && (given('minMs') || given('maxMs')))
        ctx.addIssue({ code: 'custom', message: 'give either ms (fixed) or minMs and maxMs (random)' });
      else if (!given('ms') && (!given('minMs') || !given('maxMs')))
        ctx.addIssue({ code: 'custom', message: 'give ms (fixed) or both minMs and maxMs (random)' });
      else if (
        typeof value.minMs === 'number' &&
        typeof value.maxMs === 'number' &&
        value.minMs > value.maxMs
      )
        ctx.addIssue({ code: 'custom', path: ['maxMs'], message: 'must not be less than minMs' });
    },
    { when: () => true },
  )
  .transform(({ ms, minMs, maxMs, rate }) => ({
    minMs: ms ?? (minMs as number),
    maxMs: ms ?? (maxMs as number),
    rate,
  }))
  .meta({ id: 'FaultLatency', description: 'Wait minMs–maxMs (uniformly; or ms, fixed) before answering.' });

/** `failReason`: one of the operation's server-side fail reasons. */
function failReason(name: OperationName) {
  const allowed = SERVER_FAIL_REASONS[name];
  const reason =
    allowed.length === 0
      ? z.never({
          error: `${name} has no server-side fail reason (its only one is the caller's); use latency, drop, unavailable or serverError`,
        })
      : z.enum(allowed as [string, ...string[]], {
          error: `must be one of ${name}'s server-side fail reasons: ${allowed.join(', ')}`,
        });
  return closed({
    reason: reason.meta({ description: `The fail reason answered: one of ${name}'s server-side ones.` }),
    rate,
  }).meta({ description: 'Answer FAILED with reason.' });
}

const Unavailable = closed({
  rate,
  retryAfterSeconds: int(0, 3600).optional().meta({ description: 'Sent as Retry-After.' }),
}).meta({ id: 'FaultUnavailable', description: 'HTTP 503 (REST problem / SOAP Server fault).' });

const ServerError = closed({
  rate,
  message: z
    .string({ error: TEXT_MESSAGE })
    .max(500, { error: TEXT_MESSAGE })
    .refine((text) => text.trim() !== '', { error: TEXT_MESSAGE })
    .default(DEFAULT_SERVER_ERROR)
    .meta({ description: 'The fault string.' }),
}).meta({ id: 'FaultServerError', description: 'HTTP 500: REST problem / SOAP Server fault with message.' });

const Drop = closed({ rate }).meta({
  id: 'FaultDrop',
  description: 'Destroy the connection without answering.',
});

/** Each outcome's rate as given (1 when absent, 0 when not a share), to check they add up. */
function outcomeRate(value: unknown): number {
  if (!isRecord(value)) return 0;
  if (value.rate === undefined) return 1;
  return typeof value.rate === 'number' && value.rate >= 0 && value.rate <= 1 ? value.rate : 0;
}

/** The faults of operation `name`; the rates of its outcomes add up to at most 1. */
function operationFaults(name: OperationName) {
  return closed({
    latency: Latency.optional(),
    drop: Drop.optional(),
    unavailable: Unavailable.optional(),
    serverError: ServerError.optional(),
    failReason: failReason(name).optional(),
  } satisfies Record<FaultKind, z.ZodType>).superRefine(
    (parsed, ctx) => {
      const value: unknown = parsed;
      if (!isRecord(value)) return;
      const total = OUTCOME_KINDS.reduce((sum, kind) => sum + outcomeRate(value[kind]), 0);
      if (total > 1 + 1e-9)
        ctx.addIssue({
          code: 'custom',
          message: `the rates of ${OUTCOME_KINDS.join(', ')} add up to ${Number(total.toFixed(6))}: at most 1 (one outcome per call)`,
        });
    },
    { when: () => true },
  );
}

const OPERATION_FAULTS = new Map(operationNames.map((name) => [name, operationFaults(name)]));

/** The schema of operation `name`'s faults. */
function operationFaultsOf(name: OperationName) {
  return OPERATION_FAULTS.get(name) as ReturnType<typeof operationFaults>;
}

/** Faults of one operation. Every `rate` is the share of its calls that get the fault (0–1). */
export type OperationFaultSettings = z.output<ReturnType<typeof operationFaults>>;

const Operations = closed(
  Object.fromEntries(
    operationNames.map((name) => [
      name,
      operationFaultsOf(name)
        .nullish()
        .meta({ description: `The faults injected into ${name} calls (REST and SOAP).` }),
    ]),
  ) as Record<OperationName, z.ZodOptional<z.ZodNullable<ReturnType<typeof operationFaults>>>>,
);

/**
 * The playground's injected faults (the `faults:` key of the configuration file, the body of
 * `PUT /api/faults`): the source of truth of the settings and of their JSON Schema.
 */
export const FaultSettingsSchema = closed({
  seed: int(0, 2 ** 32 - 1)
    .optional()
    .meta({ description: 'Seed of the random choices: the same seed and calls give the same faults.' }),
  operations: Operations.nullish().meta({ description: 'The faults of each operation, by its name.' }),
})
  .transform(({ seed, operations }) => {
    const out: FaultSettings = { operations: {} };
    if (seed !== undefined) out.seed = seed;
    for (const name of operationNames) {
      const faults = operations?.[name];
      if (faults && Object.keys(faults).length) out.operations[name] = faults;
    }
    return out;
  })
  .meta({ description: 'Injected faults per operation: apps/playground/README.md#injected-faults.' });

/** The playground's injected faults, as read. */
export interface FaultSettings {
  /** Seed of the random choices: the same seed and the same calls give the same faults. */
  seed?: number;
  operations: Partial<Record<OperationName, OperationFaultSettings>>;
}

/** One problem in a faults configuration: where and what. */
export interface FaultIssue {
  /** `operations.startSession.failReason.reason`. */
  path: string;
  /** The same path as keys, to locate the value in a source file. */
  segments: Array<string | number>;
  message: string;
}

/** A faults configuration that cannot be used; `issues` lists every problem. */
export class FaultsConfigError extends Error {
  override readonly name = 'FaultsConfigError';
  constructor(readonly issues: FaultIssue[]) {
    super(`invalid faults configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

/** `operations.startSession.latency`, `channels[0]`: a path as the issues name it. */
function pathText(segments: Array<string | number>): string {
  const path = segments.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
  return path || '(root)';
}

/** Reads `input` with `schema`, or throws {@link FaultsConfigError} with every issue under `at`. */
function read<S extends z.ZodType>(schema: S, input: unknown, at: Array<string | number>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FaultIssue[] = [];
  for (const issue of result.error.issues) {
    const segments = [...at, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys)
        issues.push({
          path: pathText([...segments, key]),
          segments: [...segments, key],
          message: `unknown key "${key}" (${issue.message})`,
        });
    else issues.push({ path: pathText(segments), segments, message: issue.message });
  }
  throw new FaultsConfigError(issues);
}

/** Reads one operation's faults (the body of `PUT /api/faults/operations/:name`). */
export function parseOperationFaults(name: OperationName, input: unknown): OperationFaultSettings {
  return read(operationFaultsOf(name), input, ['operations', name]);
}

/**
 * Validates a faults configuration (`undefined`/`null`: no faults). Throws
 * {@link FaultsConfigError} listing every problem with its path; unknown keys are problems.
 */
export function parseFaultSettings(input: unknown): FaultSettings {
  if (input === undefined || input === null) return { operations: {} };
  return read(FaultSettingsSchema, input, []);
}
