import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MccService } from '@mcc/core';
import { demoConfig } from '@mcc/engine';
import { describe, expect, test } from 'vitest';
import { ConfigFileError, loadPlaygroundConfig } from '../src/config-file.js';
import {
  createFaultInjector,
  FaultsConfigError,
  type InjectedFault,
  parseFaultSettings,
  SERVER_FAIL_REASONS,
} from '../src/faults/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mcc-faults-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The issues `parseFaultSettings` finds in `input`, as `path: message`. */
function issues(input: unknown): string[] {
  try {
    parseFaultSettings(input);
  } catch (error) {
    if (error instanceof FaultsConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('the faults configuration', () => {
  test('server-side fail reasons come from the operations table', () => {
    expect(SERVER_FAIL_REASONS.startSession).toEqual([
      'GENERIC',
      'TIMEOUT_EXCEEDED',
      'INVALID_RESPONSE',
      'DATABASE_ERROR',
    ]);
    expect(SERVER_FAIL_REASONS.setSessionData).toEqual(['INVALID_RESPONSE']);
    expect(SERVER_FAIL_REASONS.checkSession).toEqual([]);
    expect(SERVER_FAIL_REASONS.logoutAgentFromChannel).toContain('LOGOUT_DATABASE_ERROR');
    expect(SERVER_FAIL_REASONS.logoutAgentFromChannel).not.toContain('USER_NOT_LOGGED');
  });

  test('defaults are applied: rate 1, fixed latency as min = max, a default server error message', () => {
    expect(
      parseFaultSettings({
        seed: 7,
        operations: {
          checkSession: { latency: { ms: 200 }, unavailable: { rate: 0.25, retryAfterSeconds: 1 } },
          startSession: {
            latency: { minMs: 10, maxMs: 50, rate: 0.5 },
            failReason: { reason: 'DATABASE_ERROR' },
          },
          closeSession: { serverError: { rate: 0.1 }, drop: { rate: 0.2 } },
        },
      }),
    ).toEqual({
      seed: 7,
      operations: {
        checkSession: {
          latency: { minMs: 200, maxMs: 200, rate: 1 },
          unavailable: { rate: 0.25, retryAfterSeconds: 1 },
        },
        startSession: {
          latency: { minMs: 10, maxMs: 50, rate: 0.5 },
          failReason: { reason: 'DATABASE_ERROR', rate: 1 },
        },
        closeSession: {
          serverError: { rate: 0.1, message: 'Internal server error (injected fault).' },
          drop: { rate: 0.2 },
        },
      },
    });
    expect(parseFaultSettings(undefined)).toEqual({ operations: {} });
  });

  test('every problem is reported with its path', () => {
    expect(
      issues({
        sed: 1,
        operations: {
          checkSesion: {},
          checkSession: { failReason: { reason: 'DATABASE_ERROR' } },
          startSession: { failReason: { reason: 'NO_LICENSE' }, latency: { minMs: 50, maxMs: 10 } },
          closeSession: {
            drop: { rate: 0.7 },
            unavailable: { rate: 0.6 },
            serverError: { rate: 1.5, mesage: 'x' },
          },
          getServiceState: { latency: { ms: 10, minMs: 5 }, slow: true },
        },
      }),
    ).toEqual([
      // depth first, in the schema's key order: an object's known keys, then its unknown keys,
      // then the checks across its keys (minMs ≤ maxMs, the total of the rates)
      'operations.startSession.latency.maxMs: must not be less than minMs',
      "operations.startSession.failReason.reason: must be one of startSession's server-side fail reasons: GENERIC, TIMEOUT_EXCEEDED, INVALID_RESPONSE, DATABASE_ERROR",
      expect.stringMatching(
        /^operations\.checkSession\.failReason\.reason: checkSession has no server-side fail reason/,
      ),
      'operations.closeSession.serverError.rate: must be a number from 0 to 1 (the share of calls)',
      'operations.closeSession.serverError.mesage: unknown key "mesage" (expected rate, message)',
      'operations.closeSession: the rates of drop, unavailable, serverError, failReason add up to 1.3: at most 1 (one outcome per call)',
      'operations.getServiceState.latency: give either ms (fixed) or minMs and maxMs (random)',
      'operations.getServiceState.slow: unknown key "slow" (expected latency, drop, unavailable, serverError, failReason)',
      expect.stringMatching(/^operations\.checkSesion: unknown key "checkSesion" \(expected startSession, /),
      'sed: unknown key "sed" (expected seed, operations)',
    ]);
    expect(issues({ seed: -1, operations: [] })).toEqual([
      'seed: must be an integer from 0 to 4294967295',
      'operations: must be an object with startSession, sessionAccept, checkSession, checkSessionWithData, setSessionData, closeSession, getServiceState, logoutAgentFromChannel',
    ]);
    expect(issues('all')).toEqual(['(root): must be an object with seed, operations']);
  });
});

describe('faults in the configuration file', () => {
  test('the faults key beside a contact center', () => {
    const path = file(
      'with-faults.yaml',
      `name: Small
channels:
  - { id: 1003, licences: 1 }
faults:
  seed: 3
  operations:
    getServiceState:
      latency: { ms: 5 }
`,
    );
    const loaded = loadPlaygroundConfig(path);
    expect(loaded.contactCenter.name).toBe('Small');
    expect(loaded.faults).toEqual({
      seed: 3,
      operations: { getServiceState: { latency: { minMs: 5, maxMs: 5, rate: 1 } } },
    });
  });

  test('a file of faults alone runs the demo contact center', () => {
    const path = file(
      'only-faults.json',
      '{ "faults": { "operations": { "checkSession": { "drop": {} } } } }',
    );
    const loaded = loadPlaygroundConfig(path);
    expect(loaded.contactCenter).toBe(demoConfig);
    expect(loaded.faults.operations.checkSession).toEqual({ drop: { rate: 1 } });
    expect(loadPlaygroundConfig(undefined).faults).toEqual({ operations: {} });
  });

  test('faults problems point at file:line:column, with the contact center’s problems in the same report', () => {
    const path = file(
      'bad-faults.yaml',
      `channels:
  - id: 1003
    licences: -4
faults:
  operations:
    checkSession:
      failReason: { reason: DATABASE_ERROR }
    startSession:
      unavailable: { rate: 2 }
      latency: { ms: 10, jitter: 5 }
`,
    );
    let message = '';
    try {
      loadPlaygroundConfig(path);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigFileError);
      message = (error as Error).message;
    }
    expect(message).toContain(`${path}:3:15: channels[0].licences:`);
    expect(message).toContain(
      `${path}:7:29: faults.operations.checkSession.failReason.reason: checkSession has no server-side fail reason`,
    );
    expect(message).toContain(
      `${path}:9:28: faults.operations.startSession.unavailable.rate: must be a number from 0 to 1`,
    );
    expect(message).toContain(
      `${path}:10:34: faults.operations.startSession.latency.jitter: unknown key "jitter"`,
    );
    const notObject = file('faults-list.yaml', 'faults:\n  - drop\n');
    expect(() => loadPlaygroundConfig(notObject)).toThrow(
      `${notObject}:2:3: faults: must be an object with seed, operations`,
    );
  });
});

describe('the injector', () => {
  /** A service whose every call answers SUCCESS (enough to see which calls got a fault). */
  const healthy = new Proxy({} as MccService, {
    get: (_target, name) => async () => ({ result: 'SUCCESS', sessionId: String(name) }),
  });

  async function outcomes(seed: number, calls: number): Promise<string[]> {
    const injector = createFaultInjector({
      seed,
      operations: {
        checkSession: { failReason: undefined, drop: { rate: 0.3 }, serverError: { rate: 0.3 } },
      },
    });
    const service = injector.wrap(healthy, 'rest');
    const seen: string[] = [];
    for (let i = 0; i < calls; i++) {
      seen.push(
        await service.checkSession({ sessionId: 's' }).then(
          (r) => r.result,
          (e: Error) => e.name,
        ),
      );
    }
    return seen;
  }

  test('the same seed gives the same faults; the stacked rates give each outcome', async () => {
    const first = await outcomes(11, 60);
    expect(await outcomes(11, 60)).toEqual(first);
    expect(await outcomes(12, 60)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['SUCCESS', 'DropConnectionError', 'ServerFaultError']));
  });

  test('answers without the service for a fail reason, and tells its listeners', async () => {
    let called = 0;
    const counting = new Proxy({} as MccService, {
      get: () => async () => {
        called++;
        return { result: 'SUCCESS', sessionId: 'x' };
      },
    });
    const injector = createFaultInjector({
      operations: { closeSession: { failReason: { reason: 'DATABASE_ERROR' } } },
    });
    const told: InjectedFault[] = [];
    injector.onInjected((fault) => told.push(fault));
    const service = injector.wrap(counting, 'soap');
    expect(await service.closeSession({ sessionId: 's' })).toEqual({
      result: 'FAILED',
      failReason: 'DATABASE_ERROR',
      failReasonMessage: 'Server error : Database error: injected fault',
    });
    expect(called).toBe(0);
    expect(told).toEqual([{ transport: 'soap', operation: 'closeSession', kind: 'failReason' }]);
    // other operations go straight through; a cleared fault is gone
    await service.checkSession({ sessionId: 's' });
    injector.clear('closeSession');
    await service.closeSession({ sessionId: 's' });
    expect(called).toBe(2);
    expect(injector.settings()).toEqual({ operations: {} });
  });

  test('a bad setting is refused and the settings in force stay', () => {
    const injector = createFaultInjector({ operations: { checkSession: { drop: { rate: 0.5 } } } });
    expect(() => injector.setOperation('startSession', { failReason: { reason: 'NOPE' } })).toThrow(
      FaultsConfigError,
    );
    expect(() => injector.set({ operations: { nope: {} } })).toThrow(/operations\.nope: unknown key/);
    expect(injector.settings()).toEqual({ operations: { checkSession: { drop: { rate: 0.5 } } } });
  });
});
