import { isStoreError, MccError } from './errors.js';
import type { OperationDefinition } from './operations/define-operation.js';
import {
  type OperationName,
  type OperationTable,
  operations,
  type RequestOf,
  type ResultOf,
} from './operations/index.js';
import { ProtocolFault } from './protocol-faults.js';
import type { CallOptions, MccService } from './service.js';
import { type FastCheck, fastCheckOf, UNDECIDED } from './wire/fast-check.js';
import { isBlank, type Param } from './wire/params.js';
import { wireEnumDescriptions } from './wire/wire-enum.js';

/** The outcome of validating raw input against an operation's parameters. */
export type Validation<N extends OperationName> =
  | { ok: true; request: RequestOf<N> }
  | { ok: false; result: ResultOf<N> };

/** A FAILED result of operation `N` with `failReason` and a readable message. */
export function failed<N extends OperationName>(
  operation: N,
  failReason: ResultOf<N> extends infer R
    ? R extends { result: 'FAILED'; failReason: infer F }
      ? F
      : never
    : never,
  detail?: string,
  extra?: Record<string, unknown>,
  table: OperationTable = operations,
): ResultOf<N> {
  const definition = table[operation] as OperationDefinition;
  const base = wireEnumDescriptions(definition.failReason)[failReason as string] ?? failReason;
  return {
    ...extra,
    result: 'FAILED',
    failReason,
    failReasonMessage: detail ? `${base}: ${detail}` : base,
  } as ResultOf<N>;
}

/** One parameter of an operation as {@link validateRequest} reads it, prepared once. */
interface PreparedParam {
  readonly name: string;
  readonly param: Param;
  readonly fast: FastCheck | undefined;
  readonly missingRank: number;
  readonly invalidRank: number;
}

/** The parameters of each operation definition, prepared on first use. */
const preparedParams = new WeakMap<OperationDefinition, readonly PreparedParam[]>();

function rankOf(definition: OperationDefinition, reason: string): number {
  const rank = definition.precedence.indexOf(reason);
  return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
}

function prepare(definition: OperationDefinition): readonly PreparedParam[] {
  let prepared = preparedParams.get(definition);
  if (!prepared) {
    prepared = Object.entries(definition.request).map(([name, param]) => ({
      name,
      param,
      fast: fastCheckOf(param.schema),
      missingRank: rankOf(definition, param.missing ?? param.invalid),
      invalidRank: rankOf(definition, param.invalid),
    }));
    preparedParams.set(definition, prepared);
  }
  return prepared;
}

/**
 * Validates raw input (query parameters, XML element text, a JSON body: strings, numbers, lists)
 * against an operation's parameters. Invalid input becomes the operation's own fail reason, chosen
 * by the operation's precedence; unknown parameters are ignored. `table` is the operations table
 * (default: the MCC one).
 *
 * The common values (a plain string, digits, an enum value) are accepted by the parameter's fast
 * check (`wire/fast-check.ts`); anything else is judged by its zod schema, which alone refuses and
 * words the message.
 */
export function validateRequest<N extends OperationName>(
  operation: N,
  input: unknown,
  table: OperationTable = operations,
): Validation<N> {
  const definition = table[operation] as OperationDefinition;
  const raw = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  let worst: { reason: string; detail: string; rank: number } | undefined;
  for (const { name, param, fast, missingRank, invalidRank } of prepare(definition)) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    let reason: string | undefined;
    let detail = '';
    let rank = 0;
    if (isBlank(value)) {
      if (!param.required) continue;
      reason = param.missing ?? param.invalid;
      detail = `${name} is required`;
      rank = missingRank;
    } else {
      const accepted = fast === undefined ? UNDECIDED : fast(value);
      if (accepted !== UNDECIDED) {
        request[name] = accepted;
        continue;
      }
      const parsed = param.schema.safeParse(value);
      if (parsed.success) {
        request[name] = parsed.data;
        continue;
      }
      reason = param.invalid;
      detail = `${name} is not valid (${parsed.error.issues[0]?.message ?? 'invalid value'})`;
      rank = invalidRank;
    }
    if (!worst || rank < worst.rank) worst = { reason, detail, rank };
  }
  if (worst)
    return { ok: false, result: failed(operation, worst.reason as never, worst.detail, undefined, table) };
  return { ok: true, request: request as RequestOf<N> };
}

/**
 * Maps an error thrown by a service to the operation's server-side fail reason (storage, timeout,
 * internal). Operations whose enum has no such reason rethrow, and so does every
 * `ProtocolFault` (`ServiceUnavailableError`…): the transport answers at protocol level.
 */
export function faultResult<N extends OperationName>(
  operation: N,
  error: unknown,
  table: OperationTable = operations,
): ResultOf<N> {
  // A protocol fault asks the transport for a protocol answer: never a fail reason.
  if (error instanceof ProtocolFault) throw error;
  const { faults } = table[operation] as OperationDefinition;
  const code = error instanceof MccError ? error.code : undefined;
  const reason =
    (isStoreError(error) && code !== 'STORE_TIMEOUT' ? faults.storage : undefined) ??
    (code === 'STORE_TIMEOUT' ? (faults.timeout ?? faults.storage) : undefined) ??
    faults.internal;
  if (reason === undefined) throw error;
  const detail = isStoreError(error) ? 'the session store is not available' : 'internal error';
  return failed(operation, reason as never, detail, undefined, table);
}

/** What {@link dispatch} tells an observer about each call it answered (for logs and metrics). */
export interface DispatchRecord {
  operation: OperationName;
  /** The result, when the operation answered one. */
  result?: { result: 'SUCCESS' | 'FAILED'; failReason?: string };
  /** The error, when the service threw one the operation has no fail reason for. */
  error?: unknown;
  /** Time from the call to the answer. */
  durationMs: number;
}

/** Told about every call {@link dispatch} answers. */
export type DispatchObserver = (record: DispatchRecord) => void;

/**
 * Validates `input` for `operation`, calls the service with the typed request and returns its
 * result. Invalid input never reaches the service: it is answered with the operation's fail
 * reason. An error thrown by the service becomes the operation's server-side fail reason. An
 * `observe` callback is told about every answer, invalid input included. `table` is the
 * operations table the operation is looked up in (default: the MCC one; a server given its own
 * table passes it).
 */
export async function dispatch<N extends OperationName>(
  service: MccService,
  operation: N,
  input: unknown,
  options?: CallOptions,
  observe?: DispatchObserver,
  table: OperationTable = operations,
): Promise<ResultOf<N>> {
  // Timed only for an observer; the record is built once, without spreads.
  const started = observe ? performance.now() : 0;
  const validation = validateRequest(operation, input, table);
  let result: ResultOf<N>;
  if (!validation.ok) result = validation.result;
  else {
    try {
      const call = service[operation] as (r: RequestOf<N>, o?: CallOptions) => Promise<ResultOf<N>>;
      result = await call.call(service, validation.request, options);
    } catch (error) {
      try {
        result = faultResult(operation, error, table);
      } catch (rethrown) {
        observe?.({ operation, error: rethrown, durationMs: performance.now() - started });
        throw rethrown;
      }
    }
  }
  observe?.({ operation, result, durationMs: performance.now() - started });
  return result;
}

/**
 * Wraps a service so that every call goes through {@link dispatch}: raw or typed input alike is
 * validated against the schemas first. The in-process engine is served this way, exactly as
 * the transports serve it.
 */
export function withValidation(service: MccService): MccService {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    out[name] = (request: unknown, options?: CallOptions) => dispatch(service, name, request, options);
  }
  return out as MccService;
}
