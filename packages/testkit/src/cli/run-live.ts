import { MccClientError, type MccService } from '@mcc/core';
import type { LiveMode } from '../suite.js';
import type { SessionSubject } from '../target.js';
import { liveCases } from './live-cases.js';
import { trackSessions } from './track-sessions.js';

/** An MCC endpoint to check: a name for the report (`REST`, `SOAP`…), its address, and a client. */
export interface LiveEndpoint {
  name: string;
  url: string;
  service: MccService;
  /** Releases the client (its connection pool). */
  close?: () => Promise<void>;
}

/** Options of {@link runLiveConformance}. */
export interface LiveRunOptions {
  endpoints: readonly LiveEndpoint[];
  /**
   * Write mode: the test channel and service where the `live: 'write'` cases start (and close)
   * their sessions. Absent: read-only mode.
   */
  write?: SessionSubject;
  /** Told each result as soon as it is known (after the case's leftover sessions are closed). */
  onResult?: (result: LiveCaseResult) => void;
}

/** How one case went on one endpoint. */
export interface LiveCaseResult {
  endpoint: string;
  group: string;
  case: string;
  /** `not-run` when the endpoint did not answer the probe. */
  status: 'passed' | 'failed' | 'not-run';
  /** Why it failed: the assertion or client error message. */
  error?: string;
}

/** What a live run found. */
export interface LiveReport {
  mode: LiveMode;
  write?: SessionSubject;
  endpoints: Array<{ name: string; url: string }>;
  /** Endpoint by endpoint: its probe (group `endpoint`), then each case in suite order. */
  results: LiveCaseResult[];
  passed: number;
  failed: number;
  notRun: number;
  /** Sessions the run started and could not close again (to close by hand). */
  unclosed: Array<{ endpoint: string; sessionId: string }>;
}

/** The probe each endpoint answers first: a query about a session id no one uses. */
export const PROBE_SESSION_ID = 'mcc-conformance-probe';
const PROBE_NAME = 'answers (a checkSession of an unused id gets a result)';

/** A readable reason from whatever a case threw. */
export function describeError(error: unknown): string {
  if (error instanceof MccClientError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs the cases marked for live runs (read-only ones; in write mode the write ones too) against
 * each endpoint, one case at a time, each on a fresh tracked service: sessions a case started and
 * left open are closed after it. Each endpoint is probed first (checkSession of
 * {@link PROBE_SESSION_ID} must get a result, whatever it is); when it does not, its cases are not run.
 */
export async function runLiveConformance(options: LiveRunOptions): Promise<LiveReport> {
  const mode: LiveMode = options.write ? 'write' : 'read-only';
  const cases = liveCases(mode);
  const results: LiveCaseResult[] = [];
  const unclosed: LiveReport['unclosed'] = [];
  const record = (result: LiveCaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const endpoint of options.endpoints) {
    const probe: LiveCaseResult = {
      endpoint: endpoint.name,
      group: 'endpoint',
      case: PROBE_NAME,
      status: 'passed',
    };
    try {
      await endpoint.service.checkSession({ sessionId: PROBE_SESSION_ID });
    } catch (error) {
      probe.status = 'failed';
      probe.error = describeError(error);
    }
    record(probe);
    for (const c of cases) {
      const result: LiveCaseResult = {
        endpoint: endpoint.name,
        group: c.group,
        case: c.case.name,
        status: 'passed',
      };
      if (probe.status === 'failed') {
        record({ ...result, status: 'not-run' });
        continue;
      }
      const tracked = trackSessions(endpoint.service);
      try {
        await c.case.run({
          service: tracked.service,
          ...(options.write ? { subject: options.write } : {}),
          close: async () => {},
        });
      } catch (error) {
        result.status = 'failed';
        result.error = describeError(error);
      }
      for (const sessionId of await tracked.closeLeftovers())
        unclosed.push({ endpoint: endpoint.name, sessionId });
      record(result);
    }
  }
  const count = (status: LiveCaseResult['status']) => results.filter((r) => r.status === status).length;
  return {
    mode,
    ...(options.write ? { write: options.write } : {}),
    endpoints: options.endpoints.map(({ name, url }) => ({ name, url })),
    results,
    passed: count('passed'),
    failed: count('failed'),
    notRun: count('not-run'),
    unclosed,
  };
}
