import type { ContactCenterConfigInput } from '@mcc/engine';
import { allCapabilities, type Capabilities, type MccTarget, type TargetOptions } from './target.js';

/** A test function as runners know it (`test`/`it` of vitest, node:test, jest…). */
export type TestFunction = ((name: string, fn: () => Promise<void>) => void) & {
  skip?: (name: string, fn: () => Promise<void>) => void;
};

/**
 * Whether a case also runs against a live MCC (`mcc-conformance`: no control, configuration
 * unknown). `read-only`: it holds whatever the configuration, and every call it makes is one the
 * reference refuses before any effect (a missing, malformed or unknown id or parameter) or a
 * query. `write`: it also starts sessions on the target's `subject` (a channel and service the
 * tester names), touches only those, and never accepts one nor logs an agent out.
 */
export type LiveMode = 'read-only' | 'write';

/** One conformance case: what it checks, what it needs, and the check itself. */
export interface ConformanceCase {
  name: string;
  /** Capabilities the case needs; without them it is skipped with the reason printed. */
  needs?: ReadonlyArray<keyof Capabilities>;
  /** A configuration to start the target with (implies `configurable`). */
  config?: ContactCenterConfigInput;
  /** Set when the case may run against a live MCC (see {@link LiveMode}); never with `needs`/`config`. */
  live?: LiveMode;
  run(target: MccTarget): Promise<void>;
}

/** What a suite is run with. */
export interface SuiteOptions {
  /** The runner's `describe`. */
  describe: (name: string, fn: () => void) => void;
  /** The runner's `test`; its `skip`, if any, is used for cases the target cannot run. */
  test: TestFunction;
  /** Makes a fresh target for each case. */
  createTarget: (options?: TargetOptions) => Promise<MccTarget>;
  /** What the target can do. Default: everything (the in-process engine). */
  capabilities?: Partial<Capabilities>;
  /** Told once per skipped case, with the reason. Default: `console.info`. */
  onSkip?: (name: string, reason: string) => void;
}

/** Registers a group of cases under `describe(group)`, each on a fresh target. */
export function registerCases(options: SuiteOptions, group: string, cases: readonly ConformanceCase[]): void {
  const caps = { ...allCapabilities, ...options.capabilities };
  const onSkip =
    options.onSkip ??
    ((name: string, reason: string) => console.info(`[mcc-conformance] skipped ${name}: ${reason}`));
  options.describe(group, () => {
    for (const c of cases) {
      const needs = [...(c.needs ?? []), ...(c.config ? (['configurable'] as const) : [])];
      const missing = needs.filter((n) => !caps[n]);
      if (missing.length) {
        const reason = `the target has no ${missing.join(', ')}`;
        const skip = options.test.skip;
        if (skip) skip(`${c.name} (skipped: ${reason})`, async () => {});
        onSkip(`${group} › ${c.name}`, reason);
        continue;
      }
      options.test(c.name, async () => {
        const target = await options.createTarget(c.config ? { config: c.config } : undefined);
        try {
          await c.run(target);
        } finally {
          await target.close();
        }
      });
    }
  });
}
