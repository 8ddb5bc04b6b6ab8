import type { ServiceConfig, Weekday } from './schema.js';

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local date, weekday and time of day of instant `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): { date: string; weekday: Weekday; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 'mon',
    time: `${parts.hour}:${parts.minute}`,
  };
}

/**
 * Whether a service is within its opening hours at instant `at`: not on a listed holiday and
 * inside one of its weekly rules (read in the service's time zone). No rules means always open.
 */
export function isWithinOpeningHours(
  service: Pick<ServiceConfig, 'timeZone' | 'openingHours' | 'holidays'>,
  at: number,
): boolean {
  if (!service.openingHours && service.holidays.length === 0) return true;
  const local = localTime(at, service.timeZone);
  if (service.holidays.includes(local.date)) return false;
  if (!service.openingHours) return true;
  return service.openingHours.some(
    (rule) => rule.days.includes(local.weekday) && local.time >= rule.from && local.time < rule.to,
  );
}
