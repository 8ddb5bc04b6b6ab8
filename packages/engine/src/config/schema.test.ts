import { describe, expect, test } from 'vitest';
import { demoConfig } from './demo.js';
import { parseContactCenterConfig } from './schema.js';

describe('contact-center configuration', () => {
  test('the demo contact center is what the issue describes', () => {
    expect(demoConfig.channels.map((c) => [c.id, c.enabled, c.licences])).toEqual([
      [1, true, 5],
      [2, true, 2],
      [3, false, 5],
      [1003, true, 50],
    ]);
    expect(demoConfig.services.map((s) => [s.code, s.channels, s.outOfService])).toEqual([
      ['SUPPORT', [1, 2, 1003], false],
      ['SALES', [1003], false],
      ['BILLING', [1003], true],
      ['ARCHIVE', [], false],
    ]);
    expect(
      demoConfig.agents.map((a) => [a.username, a.profiles, a.capacity, a.autoAnswer, a.loggedInAtStart]),
    ).toEqual([
      ['alice', [1, 2, 1003], 2, 0, [1003]],
      ['bob', [1003], 3, 'manual', [1003]],
      ['carol', [2], 1, 2000, []],
      ['dave', [], 1, 'manual', []],
    ]);
  });

  test('every problem is reported with its path, in one error with code INVALID_CONFIG', () => {
    let error: unknown;
    try {
      parseContactCenterConfig({
        channels: [
          { id: 5, licences: 1 },
          { id: 1, licences: -1 },
          { id: 1, licences: 2 },
        ],
        services: [
          {
            code: 'A',
            timeZone: 'Europe/Rom',
            openingHours: [{ days: ['mon'], from: '18:00', to: '09:00' }],
          },
        ],
        agents: [{ username: 'x', skills: ['B'], loggedInAtStart: [1] }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    const issues = (error as { issues: Array<{ path: string; message: string }> }).issues;
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'channels[0].id',
        'channels[1].licences',
        'services[0].timeZone',
        'services[0].openingHours[0].to',
        'agents[0].skills[0]',
        'agents[0].loggedInAtStart[0]',
      ]),
    );
    expect((error as Error).message).toContain('services[0].timeZone: must be an IANA time zone');
    expect((error as Error).message).toContain('agents[0].skills[0]: unknown service B');
  });

  test('duplicates are refused', () => {
    expect(() =>
      parseContactCenterConfig({
        channels: [
          { id: 1, licences: 1 },
          { id: 1, licences: 1 },
        ],
      }),
    ).toThrow(/channels\[1\]: duplicate channel id 1/);
  });

  test('defaults: timers, time zone, capacity, manual answer', () => {
    const cfg = parseContactCenterConfig({ services: [{ code: 'S' }], agents: [{ username: 'a' }] });
    expect(cfg.timers).toEqual({
      newSessionTtlMs: 600_000,
      bookingTimeoutMs: 30_000,
      closedRetentionMs: 3_600_000,
      closeGracePeriodMs: 0,
    });
    expect(cfg.services[0]).toMatchObject({
      timeZone: 'UTC',
      holidays: [],
      outOfService: false,
      channels: [],
    });
    expect(cfg.agents[0]).toMatchObject({ capacity: 1, autoAnswer: 'manual' });
  });
});
