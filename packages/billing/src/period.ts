import { DateTime, IANAZone } from 'luxon';
import { fail } from './errors.js';
import { formatInstant, hoursBetween } from './instant.js';
import { parseInstant } from './parse.js';
import type { BillingPeriod, Instant, Period } from './types.js';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const PERIOD_TEXT = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface PeriodWindow {
  period: Period;
  timeZone: string;
  startMs: number;
  endMs: number;
}

/** Zones found valid: luxon checks each by building an Intl formatter, too slow per contract. */
const validZones = new Set<string>();

export function parseTimeZone(value: unknown, field: string): string {
  if (value === undefined || value === null) return DEFAULT_TIME_ZONE;
  if (typeof value === 'string' && validZones.has(value)) return value;
  if (typeof value !== 'string' || !IANAZone.isValidZone(value)) {
    fail(field, `expected an IANA time zone such as "Europe/Paris", got ${JSON.stringify(value)}`);
  }
  validZones.add(value);
  return value;
}

/** Local midnights by "zone year month": a batch asks for the same few thousands of times. */
const midnights = new Map<string, number>();
const MAX_MIDNIGHTS = 10_000;

function localMidnightMs(year: number, month: number, timeZone: string): number {
  const key = `${timeZone} ${year} ${month}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const ms = DateTime.fromObject({ year, month, day: 1 }, { zone: timeZone }).toMillis();
  if (midnights.size >= MAX_MIDNIGHTS) midnights.clear();
  midnights.set(key, ms);
  return ms;
}

/** From local midnight on the 1st to local midnight on the 1st of the next month. */
export function periodWindow(period: unknown, timeZone: unknown = DEFAULT_TIME_ZONE): PeriodWindow {
  const match = typeof period === 'string' ? PERIOD_TEXT.exec(period) : null;
  if (!match)
    fail(
      'period',
      `expected a month as "YYYY-MM" such as "2026-03", got ${JSON.stringify(period)}`,
    );
  const zone = parseTimeZone(timeZone, 'timeZone');
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1970) fail('period', `expected a year from 1970 on, got ${year}`);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    period: period as string,
    timeZone: zone,
    startMs: localMidnightMs(year, month, zone),
    endMs: localMidnightMs(next.year, next.month, zone),
  };
}

export function billingPeriod(period: Period, timeZone: string = DEFAULT_TIME_ZONE): BillingPeriod {
  const window = periodWindow(period, timeZone);
  return {
    period: window.period,
    timeZone: window.timeZone,
    start: formatInstant(window.startMs),
    end: formatInstant(window.endMs),
    hours: hoursBetween(window.startMs, window.endMs).toFixed(),
  };
}

/** The billing period ("YYYY-MM") that contains an instant, in the given time zone. */
export function periodContaining(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): Period {
  const zone = parseTimeZone(timeZone, 'timeZone');
  const ms = parseInstant(instant, 'instant');
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM');
}
