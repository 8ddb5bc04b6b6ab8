import { type ConformanceGroup, conformanceGroups } from '../conformance.js';
import type { ConformanceCase, LiveMode } from '../suite.js';

/** A case of the suite that runs against a live MCC, with its group. */
export interface LiveCase {
  group: ConformanceGroup;
  case: ConformanceCase;
}

/**
 * The cases a live run makes, in suite order: those marked `live: 'read-only'`, plus those marked
 * `live: 'write'` in write mode. The marks in the case definitions are the only list.
 */
export function liveCases(mode: LiveMode): LiveCase[] {
  const wanted: ReadonlySet<LiveMode> = new Set(mode === 'write' ? ['read-only', 'write'] : ['read-only']);
  return (Object.keys(conformanceGroups) as ConformanceGroup[]).flatMap((group) =>
    conformanceGroups[group]
      .filter((c) => c.live !== undefined && wanted.has(c.live))
      .map((c) => ({ group, case: c })),
  );
}
