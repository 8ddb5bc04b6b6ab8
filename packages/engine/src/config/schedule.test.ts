import { describe, expect, test } from 'vitest';
import { isWithinOpeningHours, localTime } from './schedule.js';

const sales = {
  timeZone: 'Europe/Rome',
  holidays: ['2026-12-25'],
  openingHours: [
    {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[],
      from: '09:00',
      to: '18:00',
    },
  ],
};

describe('opening hours', () => {
  test('reads local time in the service’s zone, across daylight saving', () => {
    expect(localTime(Date.UTC(2026, 0, 5, 8, 0), 'Europe/Rome')).toEqual({
      date: '2026-01-05',
      weekday: 'mon',
      time: '09:00',
    });
    expect(localTime(Date.UTC(2026, 6, 6, 7, 0), 'Europe/Rome')).toEqual({
      date: '2026-07-06',
      weekday: 'mon',
      time: '09:00',
    });
  });

  test('open from `from` (inclusive) to `to` (exclusive) on listed days only', () => {
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 0, 5, 7, 59))).toBe(false);
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 0, 5, 8, 0))).toBe(true);
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 0, 5, 16, 59))).toBe(true);
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 0, 5, 17, 0))).toBe(false);
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 0, 10, 12, 0))).toBe(false); // Saturday
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 6, 6, 15, 59))).toBe(true); // summer: UTC+2
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 6, 6, 16, 0))).toBe(false);
  });

  test('closed all day on a holiday (local date), open all the time without rules', () => {
    expect(isWithinOpeningHours(sales, Date.UTC(2026, 11, 25, 10, 0))).toBe(false);
    expect(isWithinOpeningHours({ timeZone: 'UTC', holidays: [] }, Date.UTC(2026, 11, 27, 3, 0))).toBe(true);
  });
});
