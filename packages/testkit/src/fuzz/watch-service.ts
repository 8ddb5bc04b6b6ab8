import { type MccService, type OperationName, operationNames, operations } from '@mcc/core';

/** A service whose thrown errors are kept, and those errors. */
export interface WatchedService {
  service: MccService;
  /** Every error a call threw (the service really failed), with its operation. */
  errors: Array<{ operation: OperationName; error: unknown }>;
}

/**
 * Wraps `service` so that every error one of its operations throws is recorded (and rethrown).
 * Under fuzzing, a server fault is acceptable only where the service really failed: with a
 * healthy store `errors` stays empty, and any server-side failure on the wire is a bug.
 */
export function watchService(service: MccService): WatchedService {
  const errors: WatchedService['errors'] = [];
  const wrapped: Record<string, unknown> = {};
  for (const operation of operationNames) {
    const call = service[operation] as (...args: unknown[]) => Promise<unknown>;
    wrapped[operation] = async (...args: unknown[]) => {
      try {
        return await call.apply(service, args);
      } catch (error) {
        errors.push({ operation, error });
        throw error;
      }
    };
  }
  return { service: wrapped as unknown as MccService, errors };
}

/**
 * The fail reasons of `operation` that only a server-side failure produces (its storage,
 * timeout and internal reasons that no parameter uses for invalid input): under fuzzing with a
 * healthy store, none of them may ever be answered.
 */
export function serverOnlyFailReasons(operation: OperationName): ReadonlySet<string> {
  const definition = operations[operation];
  const inputReasons = new Set<string>();
  for (const param of Object.values(definition.request) as Array<{ missing?: string; invalid: string }>) {
    inputReasons.add(param.invalid);
    if (param.missing) inputReasons.add(param.missing);
  }
  const { storage, timeout, internal } = definition.faults as Record<string, string | undefined>;
  return new Set([storage, timeout, internal].filter((r): r is string => !!r && !inputReasons.has(r)));
}
