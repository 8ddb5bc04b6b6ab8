import { type OperationName, operationNames } from '@mcc/core';
import { SERVER_FAIL_REASONS } from './fail-reasons.js';

/** The kinds of fault, in the order a call is checked for them (latency first, then one outcome). */
export const FAULT_KINDS = ['latency', 'drop', 'unavailable', 'serverError', 'failReason'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** The kinds that answer instead of the engine (at most one per call). */
export const OUTCOME_KINDS = ['drop', 'unavailable', 'serverError', 'failReason'] as const;

/** Longest latency that can be injected (the server's request timeout is 30 s). */
export const MAX_LATENCY_MS = 60_000;

/** Faults of one operation. Every `rate` is the share of its calls that get the fault (0–1). */
export interface OperationFaultSettings {
  /** Wait `minMs`–`maxMs` (uniformly; equal for a fixed delay) before answering. */
  latency?: { minMs: number; maxMs: number; rate: number };
  /** Answer FAILED with `reason`, one of the operation's server-side fail reasons. */
  failReason?: { reason: string; rate: number };
  /** HTTP 503 (REST problem / SOAP Server fault), with `Retry-After` when set. */
  unavailable?: { rate: number; retryAfterSeconds?: number };
  /** HTTP 500: REST problem / SOAP Server fault with `message` as the fault string. */
  serverError?: { rate: number; message: string };
  /** Destroy the connection without answering. */
  drop?: { rate: number };
}

/** The playground's injected faults (the `faults:` key of the configuration file). */
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

const DEFAULT_SERVER_ERROR = 'Internal server error (injected fault).';

type Path = Array<string | number>;

/** Collects issues while reading an untrusted value. */
class Reader {
  readonly issues: FaultIssue[] = [];

  fail(segments: Path, message: string): undefined {
    const path = segments.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
      '',
    );
    this.issues.push({ path: path || '(root)', segments, message });
    return undefined;
  }

  /** A plain object; each key not in `allowed` is an issue of its own (the known ones are still read). */
  object(value: unknown, at: Path, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return this.fail(at, `must be an object with ${allowed.join(', ')}`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record))
      if (!allowed.includes(key))
        this.fail([...at, key], `unknown key "${key}" (expected ${allowed.join(', ')})`);
    return record;
  }

  /** An integer from `min` to `max`, or undefined when absent. */
  int(record: Record<string, unknown>, key: string, at: Path, min: number, max: number): number | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return this.fail([...at, key], `must be an integer from ${min} to ${max}`);
    return value;
  }

  /** A share of calls from 0 to 1; 1 when absent. */
  rate(record: Record<string, unknown>, at: Path): number {
    const value = record.rate;
    if (value === undefined) return 1;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      this.fail([...at, 'rate'], 'must be a number from 0 to 1 (the share of calls)');
      return 0;
    }
    return value;
  }
}

function readLatency(r: Reader, value: unknown, at: Path): OperationFaultSettings['latency'] {
  const record = r.object(value, at, ['ms', 'minMs', 'maxMs', 'rate']);
  if (!record) return undefined;
  const rate = r.rate(record, at);
  const ms = r.int(record, 'ms', at, 0, MAX_LATENCY_MS);
  const minMs = r.int(record, 'minMs', at, 0, MAX_LATENCY_MS);
  const maxMs = r.int(record, 'maxMs', at, 0, MAX_LATENCY_MS);
  const given = (key: string) => record[key] !== undefined;
  if (given('ms')) {
    if (given('minMs') || given('maxMs'))
      return r.fail(at, 'give either ms (fixed) or minMs and maxMs (random)');
    return ms === undefined ? undefined : { minMs: ms, maxMs: ms, rate };
  }
  if (!given('minMs') || !given('maxMs'))
    return r.fail(at, 'give ms (fixed) or both minMs and maxMs (random)');
  if (minMs === undefined || maxMs === undefined) return undefined;
  if (minMs > maxMs) return r.fail([...at, 'maxMs'], 'must not be less than minMs');
  return { minMs, maxMs, rate };
}

function readOperation(
  r: Reader,
  name: OperationName,
  value: unknown,
  at: Path,
): OperationFaultSettings | undefined {
  const record = r.object(value, at, FAULT_KINDS);
  if (!record) return undefined;
  const out: OperationFaultSettings = {};
  if (record.latency !== undefined) {
    const latency = readLatency(r, record.latency, [...at, 'latency']);
    if (latency) out.latency = latency;
  }
  if (record.failReason !== undefined) {
    const here = [...at, 'failReason'];
    const f = r.object(record.failReason, here, ['reason', 'rate']);
    if (f) {
      const allowed = SERVER_FAIL_REASONS[name];
      const rate = r.rate(f, here);
      if (allowed.length === 0)
        r.fail(
          [...here, 'reason'],
          `${name} has no server-side fail reason (its only one is the caller's); use latency, drop, unavailable or serverError`,
        );
      else if (typeof f.reason !== 'string' || !allowed.includes(f.reason))
        r.fail(
          [...here, 'reason'],
          `must be one of ${name}'s server-side fail reasons: ${allowed.join(', ')}`,
        );
      else out.failReason = { reason: f.reason, rate };
    }
  }
  if (record.unavailable !== undefined) {
    const here = [...at, 'unavailable'];
    const f = r.object(record.unavailable, here, ['rate', 'retryAfterSeconds']);
    if (f) {
      const rate = r.rate(f, here);
      const retryAfterSeconds = r.int(f, 'retryAfterSeconds', here, 0, 3600);
      out.unavailable = retryAfterSeconds === undefined ? { rate } : { rate, retryAfterSeconds };
    }
  }
  if (record.serverError !== undefined) {
    const here = [...at, 'serverError'];
    const f = r.object(record.serverError, here, ['rate', 'message']);
    if (f) {
      const rate = r.rate(f, here);
      if (
        f.message !== undefined &&
        (typeof f.message !== 'string' || !f.message.trim() || f.message.length > 500)
      )
        r.fail([...here, 'message'], 'must be a text of 1 to 500 characters');
      else out.serverError = { rate, message: (f.message as string | undefined) ?? DEFAULT_SERVER_ERROR };
    }
  }
  if (record.drop !== undefined) {
    const here = [...at, 'drop'];
    const f = r.object(record.drop, here, ['rate']);
    if (f) out.drop = { rate: r.rate(f, here) };
  }
  const total = OUTCOME_KINDS.reduce((sum, kind) => sum + (out[kind]?.rate ?? 0), 0);
  if (total > 1 + 1e-9)
    r.fail(
      at,
      `the rates of ${OUTCOME_KINDS.join(', ')} add up to ${Number(total.toFixed(6))}: at most 1 (one outcome per call)`,
    );
  return out;
}

/** Reads one operation's faults (the body of `PUT /api/faults/operations/:name`). */
export function parseOperationFaults(name: OperationName, input: unknown): OperationFaultSettings {
  const r = new Reader();
  const out = readOperation(r, name, input, ['operations', name]);
  if (r.issues.length || !out) throw new FaultsConfigError(r.issues);
  return out;
}

/**
 * Validates a faults configuration (`undefined`/`null`: no faults). Throws
 * {@link FaultsConfigError} listing every problem with its path; unknown keys are problems.
 */
export function parseFaultSettings(input: unknown): FaultSettings {
  if (input === undefined || input === null) return { operations: {} };
  const r = new Reader();
  const record = r.object(input, [], ['seed', 'operations']);
  const out: FaultSettings = { operations: {} };
  if (record) {
    const seed = r.int(record, 'seed', [], 0, 2 ** 32 - 1);
    if (seed !== undefined) out.seed = seed;
    if (record.operations !== undefined && record.operations !== null) {
      const ops = r.object(record.operations, ['operations'], operationNames);
      for (const name of operationNames) {
        if (ops?.[name] === undefined || ops[name] === null) continue;
        const faults = readOperation(r, name, ops[name], ['operations', name]);
        if (faults && Object.keys(faults).length) out.operations[name] = faults;
      }
    }
  }
  if (r.issues.length) throw new FaultsConfigError(r.issues);
  return out;
}
