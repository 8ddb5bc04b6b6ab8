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
import { isBlank } from './wire/params.js';
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

/**
 * Validates raw input (query parameters, XML element text, a JSON body: strings, numbers, lists)
 * against an operation's parameters. Invalid input becomes the operation's own fail reason, chosen
 * by the operation's precedence; unknown parameters are ignored. `table` is the operations table
 * (default: the MCC one).
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
  const started = observe ? performance.now() : 0;
  const report = (outcome: Pick<DispatchRecord, 'result' | 'error'>) =>
    observe?.({ operation, ...outcome, durationMs: performance.now() - started });
  const validation = validateRequest(operation, input, table);
  if (!validation.ok) {
    report({ result: validation.result });
    return validation.result;
  }
  let result: ResultOf<N>;
  try {
    const call = service[operation] as (r: RequestOf<N>, o?: CallOptions) => Promise<ResultOf<N>>;
    result = await call.call(service, validation.request, options);
  } catch (error) {
    try {
      result = faultResult(operation, error, table);
    } catch (rethrown) {
      report({ error: rethrown });
      throw rethrown;
    }
  }
  report({ result });
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
