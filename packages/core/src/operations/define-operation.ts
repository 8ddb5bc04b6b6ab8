import type { z } from 'zod';
import type { Param } from '../wire/params.js';
import type { ResultSchemas } from '../wire/result.js';

/** Server-side fail reasons an operation answers with when something other than the caller failed. */
export interface OperationFaults<FR extends string> {
  /** The store failed or is unreachable. */
  readonly storage?: FR;
  /** The operation passed its deadline. */
  readonly timeout?: FR;
  /** Anything else that went wrong inside the service. */
  readonly internal?: FR;
}

/** One row of the operations table: everything about an operation except its protocol. */
export interface OperationDefinition<
  N extends string = string,
  F extends Record<string, Param> = Record<string, Param>,
  E extends z.ZodEnum = z.ZodEnum,
  R extends ResultSchemas = ResultSchemas,
> {
  /** The operation's name (the engine's and the REST path's; SOAP may name it otherwise). */
  readonly name: N;
  /** One sentence from the reference. */
  readonly summary: string;
  /** True for operations that change nothing, which clients may retry freely. */
  readonly readOnly: boolean;
  /**
   * For an operation that changes something: the request parameter that, when the caller gives
   * it, makes a repeat harmless (startSession's `sessionId`: a second start of the same id is
   * `DUPLICATED_SESSION_ID`, not a second session), so that clients may retry it. Default: none —
   * the operation is never retried.
   */
  readonly retrySafeWith?: string;
  /** The request parameters, in the reference's order. */
  readonly request: F;
  /** This operation's own fail-reason enum. */
  readonly failReason: E;
  /** Fail reasons in the order semantics.md §5 checks them: the first matching one wins. */
  readonly precedence: readonly z.output<E>[];
  /**
   * Every fail reason of this operation that tells of a server-side failure rather than of the
   * caller's request (the playground injects these; a gateway maps its back end's failures to
   * them). Includes every reason `faults` names.
   */
  readonly serverFailReasons: readonly z.output<E>[];
  /** Which of the server-side fail reasons each kind of failure is answered with. */
  readonly faults: OperationFaults<z.output<E> & string>;
  /** The result schemas. */
  readonly result: R;
}

/** Declares an operation, keeping every literal type of its definition. */
export function defineOperation<
  const N extends string,
  const F extends Record<string, Param>,
  E extends z.ZodEnum,
  R extends ResultSchemas,
>(definition: OperationDefinition<N, F, E, R>): OperationDefinition<N, F, E, R> {
  return definition;
}

type ParamValue<P> = P extends Param<infer T> ? T : never;

/**
 * The typed request of an operation, derived from its parameters. The keys are remapped from
 * `keyof F` (a homomorphic mapped type), so each field keeps the JSDoc written on its parameter:
 * editors show the reference's description on hover.
 */
export type RequestOfParams<F> = {
  -readonly [K in keyof F as F[K] extends Param<unknown, true> ? K : never]: ParamValue<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends Param<unknown, true> ? never : K]?: ParamValue<F[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;
