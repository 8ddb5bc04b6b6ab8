import { failed, type OperationName, operations, type ResultOf } from '@mcc/core';

/** The fail reasons operation `N` can answer with: exactly the `failReason` that `failed` accepts. */
export type RefusalReason<N extends OperationName> = Parameters<typeof failed<N>>[1];

/**
 * A business failure raised inside a transaction: thrown by {@link refuse}, it rolls the
 * transaction back and becomes the operation's FAILED result.
 */
export class Refusal {
  constructor(
    readonly reason: string,
    readonly detail?: string,
  ) {}
}

/**
 * Refuses operation `N` with one of its own fail reasons: `refuse<'startSession'>('NO_LICENSE', …)`
 * compiles, a misspelt or foreign reason does not.
 */
export function refuse<N extends OperationName>(reason: RefusalReason<N>, detail?: string): never {
  throw new Refusal(reason, detail);
}

/** True when `reason` is one of operation `N`'s fail reasons (checked at run time, against its enum). */
function isReasonOf<N extends OperationName>(operation: N, reason: string): reason is RefusalReason<N> {
  return operations[operation].failReason.safeParse(reason).success;
}

/**
 * The FAILED result of `operation` for a caught {@link Refusal}; undefined for anything else,
 * including a refusal with a reason the operation does not have (a bug the caller turns into a fault).
 */
export function refusalResult<N extends OperationName>(
  operation: N,
  error: unknown,
): ResultOf<N> | undefined {
  if (!(error instanceof Refusal) || !isReasonOf(operation, error.reason)) return undefined;
  return failed(operation, error.reason, error.detail);
}
