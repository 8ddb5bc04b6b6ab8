import assert from 'node:assert/strict';
import type { MccService, StartSessionRequest } from '@mcc/core';
import type { ContactCenterControl, DomainEvent, VirtualClock } from '@mcc/engine';
import type { StoreFaults } from '../faulty-store.js';
import type { MccTarget } from '../target.js';

type AnyResult = { result: 'SUCCESS' | 'FAILED'; failReason?: string; [key: string]: unknown };

/** Asserts a FAILED result with `reason`; shows the whole result when it is not. */
export function expectFail(result: AnyResult, reason: string): void {
  assert.equal(result.result, 'FAILED', `expected FAILED ${reason}, got ${JSON.stringify(result)}`);
  assert.equal(result.failReason, reason, `expected ${reason}, got ${JSON.stringify(result)}`);
  assert.equal(typeof result.failReasonMessage, 'string', 'a FAILED result carries a failReasonMessage');
}

/** Asserts a SUCCESS result (and returns it narrowed). */
export function expectSuccess<R extends AnyResult>(result: R): Extract<R, { result: 'SUCCESS' }> {
  assert.equal(result.result, 'SUCCESS', `expected SUCCESS, got ${JSON.stringify(result)}`);
  assert.equal(result.failReason, undefined, 'a SUCCESS result has no failReason');
  return result as Extract<R, { result: 'SUCCESS' }>;
}

/** Where the target's sessions start: its `subject`, else SUPPORT on LiveHelp (1003). */
export function subjectOf(target: MccTarget): { channelId: number; serviceid: string } {
  return target.subject ?? { channelId: 1003, serviceid: 'SUPPORT' };
}

/** Starts a session (default SUPPORT on LiveHelp) and returns its id. */
export async function start(
  service: MccService,
  request: Partial<StartSessionRequest> = {},
): Promise<string> {
  const result = expectSuccess(
    await service.startSession({ channelId: 1003, serviceid: 'SUPPORT', ...request }),
  );
  return result.sessionId;
}

/** Starts and accepts a session; returns its id and the status accept reached. */
export async function startAndAccept(
  service: MccService,
  request: Partial<StartSessionRequest> = {},
  user?: string,
) {
  const sessionId = await start(service, request);
  const accepted = expectSuccess(await service.sessionAccept(user ? { sessionId, user } : { sessionId }));
  return { sessionId, status: accepted.status };
}

/** The status checkSession reports. */
export async function statusOf(service: MccService, sessionId: string) {
  return expectSuccess(await service.checkSession({ sessionId })).status;
}

/** Input that does not fit the typed request, sent on purpose (transports must pass it through). */
export function raw<T>(value: unknown): T {
  return value as T;
}

/** The target's control, asserted present (the case declared it needs it). */
export function control(target: MccTarget): ContactCenterControl {
  assert.ok(target.control, 'this case needs control');
  return target.control;
}

/** The target's virtual clock, asserted present. */
export function clock(target: MccTarget): VirtualClock {
  assert.ok(target.clock, 'this case needs a virtual clock');
  return target.clock;
}

/** The target's store faults, asserted present. */
export function faults(target: MccTarget): StoreFaults {
  assert.ok(target.storeFaults, 'this case needs store faults');
  return target.storeFaults;
}

/** Status changes of one session, from the event stream, as `FROM>TO` strings. */
export async function transitions(target: MccTarget, sessionId: string): Promise<string[]> {
  const events: DomainEvent[] = await control(target).readEvents(0, 100_000);
  return events
    .filter((e) => e.sessionId === sessionId && (e.type === 'session.status' || e.type === 'session.started'))
    .map((e) => (e.type === 'session.started' ? `>${e.status}` : `${e.from}>${e.status}`));
}

/** Only one agent logged in on LiveHelp: logs the others out so routing is predictable. */
export async function onlyAgentOn1003(target: MccTarget, username: 'alice' | 'bob'): Promise<void> {
  const other = username === 'alice' ? 'bob' : 'alice';
  await control(target).logoutAgent(other, 1003);
}

/** Next Sunday noon (UTC) after the clock's now: SALES (Mon–Fri, Europe/Rome) is OVERTIME then. */
export function nextSundayNoon(now: number): number {
  const d = new Date(now);
  const days = (7 - d.getUTCDay()) % 7 || 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, 12);
}

export { assert };
