import { checkSessionCases } from './cases/check-session.js';
import { closeSessionCases } from './cases/close-session.js';
import { concurrencyCases } from './cases/concurrency.js';
import { getServiceStateCases } from './cases/get-service-state.js';
import { lifecycleCases } from './cases/lifecycle.js';
import { logoutAgentCases } from './cases/logout-agent.js';
import { routingCases } from './cases/routing.js';
import { sessionAcceptCases } from './cases/session-accept.js';
import { setSessionDataCases } from './cases/set-session-data.js';
import { startSessionCases } from './cases/start-session.js';
import { timerCases } from './cases/timers.js';
import { type ConformanceCase, registerCases, type SuiteOptions } from './suite.js';

/** The groups of the MCC conformance suite, by name: one per operation, then behaviour groups. */
export const conformanceGroups = {
  startSession: startSessionCases,
  sessionAccept: sessionAcceptCases,
  checkSession: checkSessionCases,
  setSessionData: setSessionDataCases,
  closeSession: closeSessionCases,
  getServiceState: getServiceStateCases,
  logoutAgentFromChannel: logoutAgentCases,
  lifecycle: lifecycleCases,
  routing: routingCases,
  timers: timerCases,
  concurrency: concurrencyCases,
} satisfies Record<string, ConformanceCase[]>;

/** A group name of {@link conformanceGroups}. */
export type ConformanceGroup = keyof typeof conformanceGroups;

/** Options of {@link mccConformance}. */
export interface ConformanceOptions extends SuiteOptions {
  /** Which groups to run. Default: all. */
  groups?: readonly ConformanceGroup[];
  /** Title of the outer describe block. Default `MCC conformance`. */
  title?: string;
}

/**
 * Registers the MCC conformance suite with the test runner: every group (or the chosen ones),
 * each case on a fresh target, cases the target cannot run skipped with the reason.
 *
 * @example
 * mccConformance({ describe, test, createTarget: () => createEngineTarget() });
 */
export function mccConformance(options: ConformanceOptions): void {
  const groups = options.groups ?? (Object.keys(conformanceGroups) as ConformanceGroup[]);
  options.describe(options.title ?? 'MCC conformance', () => {
    for (const group of groups) registerCases(options, group, conformanceGroups[group]);
  });
}

/** Registers one group of the suite (for composing suites group by group). */
export function mccConformanceGroup(group: ConformanceGroup, options: SuiteOptions): void {
  registerCases(options, group, conformanceGroups[group]);
}
