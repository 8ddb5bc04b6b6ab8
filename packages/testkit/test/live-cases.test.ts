import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { liveCases } from '../src/cli/live-cases.js';
import {
  createEngineTarget,
  type LiveReport,
  runLiveConformance,
  type SessionSubject,
} from '../src/index.js';
import { recordCalls } from './support/record-calls.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const OPEN = ['NEW', 'QUEUED', 'BOOKED', 'ASSIGNED'] as const;

/** Runs the live cases against the in-process MCC, writing down the calls each case made. */
async function liveRun(write?: SessionSubject) {
  const target = await createEngineTarget();
  const recorder = recordCalls(target.service, write);
  const listing: string[] = [];
  const report: LiveReport = await runLiveConformance({
    endpoints: [{ name: 'engine', url: 'in-process', service: recorder.service }],
    ...(write ? { write } : {}),
    onResult: (result) => {
      const mode = liveCases('write').find((c) => c.case.name === result.case && c.group === result.group)
        ?.case.live;
      // Write mode's listing is the write cases only: the read-only ones call exactly as above.
      if (write && mode !== 'write' && result.group !== 'endpoint') {
        recorder.take();
        return;
      }
      listing.push(`${result.group} › ${result.case}`, ...recorder.take().map((line) => `  ${line}`));
    },
  });
  return { target, report, listing: listing.join('\n') };
}

/** The ```text block that follows `<!-- calls: name -->` in the README. */
function readmeListing(name: string): string | undefined {
  const match = new RegExp(`<!-- calls: ${name} -->\\s*\`\`\`text\\n([\\s\\S]*?)\`\`\``).exec(README);
  return match?.[1]?.trimEnd();
}

describe('the cases marked for live runs', () => {
  test('need no capability and no configuration of their own', () => {
    const marked = liveCases('write');
    expect(marked.length).toBeGreaterThanOrEqual(20);
    for (const { case: c } of marked) {
      expect(c.needs ?? [], c.name).toEqual([]);
      expect(c.config, c.name).toBeUndefined();
    }
    expect(liveCases('read-only').every((c) => c.case.live === 'read-only')).toBe(true);
  });

  test('read-only mode changes nothing: every case passes and the MCC records no event and no session', async () => {
    const { target, report } = await liveRun();
    expect(report.failed, JSON.stringify(report.results.filter((r) => r.status !== 'passed'))).toBe(0);
    expect(report.passed).toBe(liveCases('read-only').length + 1);
    // Only the demo contact center's own start-up (agents logging in) is in the event log.
    expect((await target.control.readEvents(0, 1000)).filter((e) => e.type !== 'agent.login')).toEqual([]);
    expect(await target.control.listSessions()).toEqual([]);
    await target.close();
  });

  test('write mode starts sessions on the subject only, accepts none, logs no one out, and leaves none open', async () => {
    const subject = { channelId: 1, serviceid: 'SUPPORT' };
    const { target, report, listing } = await liveRun(subject);
    expect(report.failed, JSON.stringify(report.results.filter((r) => r.status !== 'passed'))).toBe(0);
    expect(report.passed).toBe(liveCases('write').length + 1);
    expect(report.unclosed).toEqual([]);
    const sessions = await target.control.listSessions();
    expect(sessions.length).toBeGreaterThanOrEqual(9);
    for (const s of sessions) {
      expect(s).toMatchObject({ channelId: 1, serviceCode: 'SUPPORT', status: 'CLOSED' });
    }
    expect(await target.control.listSessions({ status: OPEN })).toEqual([]);
    // Sessions were started, given data and closed; nothing else happened in the contact center.
    const events = (await target.control.readEvents(0, 1000)).filter((e) => e.type !== 'agent.login');
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['session.started', 'session.data', 'session.status']),
    );
    expect(events.filter((e) => e.type === 'session.status').every((e) => e.status === 'CLOSED')).toBe(true);
    expect(listing).not.toMatch(/sessionAccept \{"sessionId":"<s\d+>"[^\n]*→ SUCCESS/);
    expect(listing).not.toMatch(/logoutAgentFromChannel/);
    await target.close();
  });

  test('sessions a non-conforming MCC opened when it should have refused are closed again', async () => {
    const target = await createEngineTarget();
    // A broken MCC: a start without serviceid is taken as SUPPORT instead of REQUIRED_PARAMETERS.
    const broken = {
      ...target.service,
      startSession: (request: Parameters<typeof target.service.startSession>[0]) =>
        target.service.startSession({
          ...request,
          serviceid: (request.serviceid as string | undefined) ?? 'SUPPORT',
        }),
    };
    const report = await runLiveConformance({
      endpoints: [{ name: 'broken', url: 'in-process', service: broken }],
    });
    const failed = report.results.filter((r) => r.status === 'failed').map((r) => r.case);
    expect(failed).toContain('REQUIRED_PARAMETERS when serviceid is missing or blank');
    expect(report.failed).toBe(failed.length);
    expect((await target.control.listSessions()).length).toBeGreaterThan(0);
    expect(await target.control.listSessions({ status: OPEN })).toEqual([]);
    expect(report.unclosed).toEqual([]);
    await target.close();
  });
});

describe('the README lists the exact calls of each mode', () => {
  test('read-only mode', async () => {
    const { target, listing } = await liveRun();
    await target.close();
    expect(readmeListing('read-only'), `README block <!-- calls: read-only --> should be:\n${listing}`).toBe(
      listing,
    );
  });

  test('write mode', async () => {
    const { target, listing } = await liveRun({ channelId: 1, serviceid: 'SUPPORT' });
    await target.close();
    expect(readmeListing('write'), `README block <!-- calls: write --> should be:\n${listing}`).toBe(listing);
  });
});
