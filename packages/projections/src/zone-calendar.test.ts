import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarStarts } from './zone-calendar.js';

/**
 * The reference: luxon's instant of each calendar date's midnight from the one holding fromMs,
 * moved to the earlier midnight when the clocks went back over it (luxon picks either).
 */
function firstMidnight(year: number, month: number, day: number, zone: string): number {
  const start = DateTime.fromObject({ year, month, day }, { zone }).toMillis();
  for (const back of [3_600_000, 1_800_000]) {
    const earlier = DateTime.fromMillis(start - back, { zone });
    if (earlier.day === day && earlier.hour === 0) return start - back;
  }
  return start;
}

function luxonStarts(fromMs: number, toMs: number, unit: 'day' | 'month', zone: string): number[] {
  const first = DateTime.fromMillis(fromMs, { zone }).startOf(unit);
  const date = DateTime.utc(first.year, first.month, first.day);
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const { year, month, day } = date.plus({ [`${unit}s`]: i });
    const start = firstMidnight(year, month, day, zone);
    if (start >= toMs && i > 0) return starts;
    starts.push(start);
  }
}

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Beirut',
  'America/Havana',
];

describe('calendarStarts', () => {
  it('Paris in March 2026: 31 days, the 29th lasts 23 hours', () => {
    const from = Date.parse('2026-03-01T00:00:00+01:00');
    const to = Date.parse('2026-04-01T00:00:00+02:00');
    const starts = calendarStarts(from, to, 'day', 'Europe/Paris');
    expect(starts).toHaveLength(31);
    expect(new Date(starts[28]!).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(starts[29]!).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(calendarStarts(from, to, 'month', 'Europe/Paris')).toEqual([from]);
  });

  it('equals luxon at the start of each calendar date for any zone, range and unit', () => {
    const year = 365 * 24 * 3_600_000;
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom('day' as const, 'month' as const),
        fc.integer({
          min: Date.parse('2005-01-01T00:00:00Z'),
          max: Date.parse('2040-01-01T00:00:00Z'),
        }),
        fc.integer({ min: 0, max: year }),
        (zone, unit, fromMs, length) => {
          const toMs = fromMs + (unit === 'day' ? Math.floor(length / 12) : length);
          expect(calendarStarts(fromMs, toMs, unit, zone)).toEqual(
            luxonStarts(fromMs, toMs, unit, zone),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
