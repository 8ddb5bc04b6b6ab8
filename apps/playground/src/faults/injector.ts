import {
  type CallOptions,
  DropConnectionError,
  failed,
  type MccService,
  type OperationName,
  operationNames,
  ServerFaultError,
  ServiceUnavailableError,
} from '@mcc/core';
import { createRandom } from './random.js';
import {
  type FaultKind,
  type FaultSettings,
  type OperationFaultSettings,
  OUTCOME_KINDS,
  parseFaultSettings,
  parseOperationFaults,
} from './schema.js';

/** One fault injected into one call. */
export interface InjectedFault {
  transport: 'rest' | 'soap';
  operation: OperationName;
  kind: FaultKind;
}

/** What happens to one call: an added delay, then at most one outcome instead of the engine's answer. */
interface Plan {
  faults: OperationFaultSettings;
  latencyMs?: number;
  outcome?: (typeof OUTCOME_KINDS)[number];
}

/**
 * The one place that decides which call gets which fault. It holds the current settings (from the
 * configuration file, then the control API), wraps the service each transport serves, and tells
 * its listeners (metrics) about every fault it injects.
 */
export interface FaultInjector {
  /** The settings in force (defaults applied). */
  settings(): FaultSettings;
  /** Replaces every setting (and restarts the random sequence from the seed). Throws `FaultsConfigError`. */
  set(input: unknown): FaultSettings;
  /** Replaces one operation's faults, keeping the rest. Throws `FaultsConfigError`. */
  setOperation(operation: OperationName, input: unknown): FaultSettings;
  /** Removes one operation's faults, or all of them (the seed stays). */
  clear(operation?: OperationName): FaultSettings;
  /** `service` with the faults applied, for the transport named (the metrics' label). */
  wrap(service: MccService, transport: InjectedFault['transport']): MccService;
  /** Tells `listener` about every fault injected from now on. */
  onInjected(listener: (fault: InjectedFault) => void): void;
  /** Ends every delay in progress at once and injects nothing more (the server is closing). */
  close(): void;
}

/** Creates the injector with `initial` settings (already validated, or raw input to validate). */
export function createFaultInjector(initial: unknown = undefined): FaultInjector {
  let current = parseFaultSettings(initial);
  let random = createRandom(current.seed);
  let closed = false;
  const listeners: Array<(fault: InjectedFault) => void> = [];
  const sleepers = new Set<() => void>();

  /** The faults of this call, or undefined when it gets none. */
  function plan(operation: OperationName): Plan | undefined {
    const faults = closed ? undefined : current.operations[operation];
    if (!faults) return undefined;
    const out: Plan = { faults };
    const latency = faults.latency;
    if (latency && random() < latency.rate)
      out.latencyMs = latency.minMs + Math.floor(random() * (latency.maxMs - latency.minMs + 1));
    // One roll picks at most one outcome: the rates are stacked (they add up to at most 1).
    let roll = random();
    for (const kind of OUTCOME_KINDS) {
      const rate = faults[kind]?.rate;
      if (rate === undefined) continue;
      if (roll < rate) {
        out.outcome = kind;
        break;
      }
      roll -= rate;
    }
    return out.latencyMs === undefined && !out.outcome ? undefined : out;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  function tell(fault: InjectedFault) {
    for (const listener of listeners) {
      try {
        listener(fault);
      } catch {
        // a failing listener must not change the answer
      }
    }
  }

  async function apply<N extends OperationName>(
    { faults, ...step }: Plan,
    transport: InjectedFault['transport'],
    operation: N,
    call: () => Promise<unknown>,
  ): Promise<unknown> {
    if (step.latencyMs !== undefined) {
      tell({ transport, operation, kind: 'latency' });
      await sleep(step.latencyMs);
    }
    if (step.outcome) tell({ transport, operation, kind: step.outcome });
    switch (step.outcome) {
      case 'drop':
        throw new DropConnectionError(`${operation}: connection dropped (injected fault)`);
      case 'unavailable':
        throw new ServiceUnavailableError('The service is temporarily unavailable (injected fault).', {
          ...(faults.unavailable?.retryAfterSeconds === undefined
            ? {}
            : { retryAfterSeconds: faults.unavailable.retryAfterSeconds }),
        });
      case 'serverError':
        throw new ServerFaultError(faults.serverError?.message ?? 'Internal server error (injected fault).');
      case 'failReason':
        return failed(operation, faults.failReason?.reason as never, 'injected fault');
      default:
        return call();
    }
  }

  return {
    settings: () => current,
    set(input) {
      current = parseFaultSettings(input);
      random = createRandom(current.seed);
      return current;
    },
    setOperation(operation, input) {
      const faults = parseOperationFaults(operation, input);
      const operations = { ...current.operations, [operation]: faults };
      // `{}` sets nothing: the operation has no fault left.
      if (Object.keys(faults).length === 0) delete operations[operation];
      current = { ...current, operations };
      return current;
    },
    clear(operation) {
      const operations = { ...current.operations };
      if (operation) delete operations[operation];
      current = { ...current, operations: operation ? operations : {} };
      return current;
    },
    wrap(service, transport) {
      const wrapped: Record<string, unknown> = {};
      for (const name of operationNames) {
        const call = service[name] as (request: unknown, options?: CallOptions) => Promise<unknown>;
        wrapped[name] = (request: unknown, options?: CallOptions) => {
          const step = plan(name);
          // No fault for this call: straight to the service, not even an extra await.
          if (!step) return call.call(service, request, options);
          return apply(step, transport, name, () => call.call(service, request, options));
        };
      }
      return wrapped as MccService;
    },
    onInjected(listener) {
      listeners.push(listener);
    },
    close() {
      closed = true;
      for (const wake of [...sleepers]) wake();
    },
  };
}
