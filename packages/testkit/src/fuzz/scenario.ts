import { randomUUID } from 'node:crypto';
import { MccError, type OperationName, validateRequest } from '@mcc/core';
import type { ContactCenterControl } from '@mcc/engine';
import { checkInvariants } from './invariants.js';

/**
 * Strings that break naive code: empty and blank, astral characters, a lone surrogate, NUL and
 * other C0 controls, XML and JSON specials, CDATA terminators, bidi and BOM characters, a long one.
 */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'ünïcödé ß ÆØÅ',
  '😀 astral 𝄞 𠜎',
  '\ud800 lone high',
  'lone low \udc00',
  'nul\u0000byte',
  'bell\u0007 esc\u001b del\u007f',
  '<&>"\'',
  ']]><![CDATA[x]]>',
  '</return></soap:Body>',
  '{"a":[1,2,{"b":null}]}',
  '\\u0000 \\ud800',
  '%00%ZZ%ED%A0%80',
  '\u202e right-to-left \u200b zero width \ufeff bom',
  '\uFFFE\uFFFF',
  '1003',
  '-1',
  '1e309',
  'x'.repeat(2000),
];

/** The kinds of valid steps a fuzz run mixes with garbage. */
export const fuzzStepKinds = [
  'start',
  'startSame',
  'accept',
  'acceptTo',
  'check',
  'checkWithData',
  'setData',
  'close',
  'closeTwice',
  'serviceState',
  'logout',
  'login',
  'agentAccept',
  'agentDecline',
  'agentClose',
  'advance',
] as const;

/** A kind of valid step. */
export type FuzzStepKind = (typeof fuzzStepKinds)[number];

/** One valid step: its kind and a number that picks its session, agent, channel or value. */
export interface FuzzStep {
  kind: FuzzStepKind;
  pick: number;
}

/** One MCC call to send over the transport under test: the operation and its raw input. */
export interface FuzzCall {
  operation: OperationName;
  input: Record<string, unknown>;
}

/**
 * Sends a call over the transport under test and returns the result object it answered, or
 * undefined when the answer was not a result (for a valid call, that is a failure).
 */
export type FuzzSend = (call: FuzzCall) => Promise<Record<string, unknown> | undefined>;

/** The valid half of a fuzz run over one contact center; see {@link createFuzzScenario}. */
export interface FuzzScenario {
  /** Runs one step: MCC calls through `send`, contact-center actions in process. */
  run(step: FuzzStep, send: FuzzSend): Promise<void>;
  /** A session some step started (for garbage that targets real sessions), or undefined. */
  sessionId(pick: number): string | undefined;
  /** Ids of sessions started with SUCCESS and not purged since: they must still be stored. */
  expectedSessions(): string[];
  /** Answers that broke the contract, as readable sentences. */
  readonly violations: string[];
  /** Stops listening to the contact center. */
  close(): void;
}

const AGENTS = [
  { username: 'alice', channels: [1, 2, 1003] },
  { username: 'bob', channels: [1003] },
  { username: 'carol', channels: [2] },
] as const;
const START_TARGETS = [
  { channelId: 1003, serviceid: 'SUPPORT' },
  { channelId: 1003, serviceid: 'SALES' },
  { channelId: 1, serviceid: 'SUPPORT' },
  { channelId: 2, serviceid: 'SUPPORT' },
] as const;
/**
 * The nasty strings a valid step may carry: the ones core's validation accepts as free text (no
 * NUL, C0 controls but tab/LF/CR, U+FFFE/U+FFFF or lone surrogates: issue 15). The others stay
 * in the garbage.
 */
const VALUES = nastyStrings.filter(
  (s) => s.length < 1024 && validateRequest('startSession', { channelId: 1003, serviceid: 'S', data: s }).ok,
);

/**
 * The valid operations a fuzz run interleaves with garbage, for the demo contact center (see
 * `demoContactCenter`) on a virtual clock: starts (some with the same id at once), accepts,
 * checks, data, closes (some twice at once), service states, agent logouts and logins, agents
 * accepting, declining and closing, time moving. Each answer is checked against what
 * semantics.md allows in a contact center that garbage may also be acting on (e.g. a close
 * succeeds or, once the session is purged, is `NOT_FOUND`); §6 is checked per step where it
 * concerns one step (one of two same-id starts succeeds; concurrent closes never fail).
 */
export function createFuzzScenario(control: ContactCenterControl): FuzzScenario {
  const started: string[] = [];
  const purged = new Set<string>();
  const violations: string[] = [];
  const unsubscribe = control.subscribe((event) => {
    if (event.type === 'session.purged' && event.sessionId) purged.add(event.sessionId);
  });

  function expect(what: string, result: Record<string, unknown> | undefined, allowed: readonly string[]) {
    const outcome = result === undefined ? 'no result' : String(result.failReason ?? result.result);
    if (!allowed.includes(outcome))
      violations.push(
        `${what} answered ${outcome}${result ? ` ${JSON.stringify(result).slice(0, 300)}` : ''}`,
      );
  }

  const gone = (id: string, reason: string) => (purged.has(id) ? [reason] : []);
  const value = (pick: number) => VALUES[pick % VALUES.length]!;

  async function start(pick: number, send: FuzzSend) {
    const target = START_TARGETS[pick % START_TARGETS.length]!;
    const input: Record<string, unknown> = { ...target, data: value(pick >> 2) };
    if (pick % 3 !== 0) input.sessionId = `fuzz-${randomUUID()}`;
    const result = await send({ operation: 'startSession', input });
    expect(`startSession ${JSON.stringify(target)}`, result, ['SUCCESS', 'NO_LICENSE']);
    if (result?.result === 'SUCCESS' && typeof result.sessionId === 'string') started.push(result.sessionId);
  }

  async function startSame(send: FuzzSend) {
    const sessionId = `fuzz-${randomUUID()}`;
    const input = { channelId: 1003, serviceid: 'SUPPORT', sessionId };
    const results = await Promise.all([
      send({ operation: 'startSession', input }),
      send({ operation: 'startSession', input }),
    ]);
    const outcomes = results.map((r) => String(r?.failReason ?? r?.result ?? 'no result')).sort();
    const fine =
      (outcomes[0] === 'DUPLICATED_SESSION_ID' && outcomes[1] === 'SUCCESS') ||
      (outcomes[0] === 'NO_LICENSE' && outcomes[1] === 'NO_LICENSE');
    if (!fine) violations.push(`two starts of one id answered ${outcomes.join(' and ')}`);
    if (outcomes.includes('SUCCESS')) started.push(sessionId);
  }

  async function withSession(pick: number, send: FuzzSend, act: (id: string) => Promise<void>) {
    const id = started.length === 0 ? undefined : started[pick % started.length];
    if (id === undefined) return start(pick, send);
    return act(id);
  }

  async function closeTwice(id: string, send: FuzzSend) {
    const results = await Promise.all([
      send({ operation: 'closeSession', input: { sessionId: id } }),
      send({ operation: 'closeSession', input: { sessionId: id } }),
    ]);
    for (const result of results)
      expect(`concurrent closeSession ${id}`, result, ['SUCCESS', 'IS_PENDING', ...gone(id, 'NOT_FOUND')]);
  }

  async function agentAction(pick: number, kind: 'agentAccept' | 'agentDecline' | 'agentClose') {
    const sessions = await control.listSessions({
      status: kind === 'agentClose' ? ['ASSIGNED'] : ['BOOKED'],
    });
    const session = sessions[pick % Math.max(1, sessions.length)];
    if (!session) return;
    if (kind === 'agentAccept') await control.acceptSession(session.id);
    else if (kind === 'agentDecline') await control.declineSession(session.id);
    else await control.closeSessionAsAgent(session.id);
  }

  async function run(step: FuzzStep, send: FuzzSend): Promise<void> {
    const { pick } = step;
    const agent = AGENTS[pick % AGENTS.length]!;
    try {
      switch (step.kind) {
        case 'start':
          return await start(pick, send);
        case 'startSame':
          return await startSame(send);
        case 'accept':
        case 'acceptTo':
          return await withSession(pick, send, async (id) => {
            const input: Record<string, unknown> = { sessionId: id };
            if (step.kind === 'acceptTo')
              input.user = ['alice', 'bob', 'carol', 'dave', 'nobody'][(pick >> 3) % 5];
            const result = await send({ operation: 'sessionAccept', input });
            expect(`sessionAccept ${JSON.stringify(input)}`, result, [
              'SUCCESS',
              'SESSION_CLOSED',
              'REQUEST_REJECTED_BY_SERVICE',
              ...gone(id, 'INVALID_SESSION_ID'),
            ]);
          });
        case 'check':
        case 'checkWithData':
          return await withSession(pick, send, async (id) => {
            const operation = step.kind === 'check' ? 'checkSession' : 'checkSessionWithData';
            const result = await send({ operation, input: { sessionId: id } });
            expect(`${operation} ${id}`, result, ['SUCCESS', ...gone(id, 'INVALID_SESSION_ID')]);
          });
        case 'setData':
          return await withSession(pick, send, async (id) => {
            const input = { sessionId: id, sessionData: value(pick >> 3) };
            const result = await send({ operation: 'setSessionData', input });
            expect(`setSessionData ${id}`, result, [
              'SUCCESS',
              'SESSION_CLOSED',
              ...gone(id, 'INVALID_SESSION_ID'),
            ]);
          });
        case 'close':
          return await withSession(pick, send, async (id) => {
            const result = await send({ operation: 'closeSession', input: { sessionId: id } });
            expect(`closeSession ${id}`, result, ['SUCCESS', 'IS_PENDING', ...gone(id, 'NOT_FOUND')]);
          });
        case 'closeTwice':
          return await withSession(pick, send, (id) => closeTwice(id, send));
        case 'serviceState': {
          const input = { channelId: 1003, serviceCodes: ['SUPPORT', 'SALES', 'BILLING', 'NOPE'] };
          const result = await send({ operation: 'getServiceState', input });
          return expect('getServiceState', result, ['SUCCESS']);
        }
        case 'logout': {
          const input = { channelId: agent.channels[0], agentUsername: agent.username };
          const result = await send({ operation: 'logoutAgentFromChannel', input });
          return expect(`logoutAgentFromChannel ${agent.username}`, result, ['SUCCESS', 'USER_NOT_LOGGED']);
        }
        case 'login':
          return await control.loginAgent(
            agent.username,
            agent.channels[(pick >> 2) % agent.channels.length]!,
          );
        case 'agentAccept':
        case 'agentDecline':
        case 'agentClose':
          return await agentAction(pick, step.kind);
        case 'advance':
          return await control.advanceTime(pick % 5000);
      }
    } catch (error) {
      // The contact-center side refuses what a race made impossible (e.g. declining a session
      // garbage just closed) with an MccError; anything else is a failure.
      if (!(error instanceof MccError)) violations.push(`step ${step.kind} threw ${String(error)}`);
    }
  }

  return {
    run,
    sessionId: (pick) => (started.length === 0 ? undefined : started[pick % started.length]),
    expectedSessions: () => started.filter((id) => !purged.has(id)),
    violations,
    close: unsubscribe,
  };
}

/** One item of a fuzz batch: a valid step of the scenario, or transport-specific garbage. */
export type FuzzItem<G> = { valid: FuzzStep } | { garbage: G };

/** What {@link playFuzzRound} plays. */
export interface FuzzRound<G> {
  /** Played in order; the items of one batch are sent at once. */
  batches: ReadonlyArray<ReadonlyArray<FuzzItem<G>>>;
  scenario: FuzzScenario;
  /** The service the transport under test serves (what it threw counts as a violation). */
  watched: { errors: ReadonlyArray<{ operation: string; error: unknown }> };
  /** The contact center behind it, checked against §6 at the end, then closed. */
  target: { control: ContactCenterControl; close(): Promise<void> };
  sendValid: FuzzSend;
  sendGarbage: (garbage: G) => Promise<void>;
}

/**
 * Plays one fuzz round the same way for every transport: the batches in order, then every
 * violation — the scenario's, anything the service threw, and the §6 invariants (every session
 * started with SUCCESS and not purged still stored). Closes the scenario and the target.
 */
export async function playFuzzRound<G>(round: FuzzRound<G>): Promise<string[]> {
  const { scenario, target } = round;
  try {
    for (const items of round.batches) {
      await Promise.all(
        items.map((item) =>
          'valid' in item ? scenario.run(item.valid, round.sendValid) : round.sendGarbage(item.garbage),
        ),
      );
    }
    return [
      ...scenario.violations,
      ...round.watched.errors.map((e) => `${e.operation} threw ${String(e.error)}`),
      ...(await checkInvariants(target.control, { expectSessions: scenario.expectedSessions() })),
    ];
  } finally {
    scenario.close();
    await target.close();
  }
}
