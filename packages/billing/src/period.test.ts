import { describe, expect, it } from 'vitest';
import { BillingInputError } from './errors.js';
import { billingPeriod, periodContaining } from './period.js';

describe('billingPeriod', () => {
  it.each([
    ['2026-02', '672', '2026-01-31T23:00:00Z', '2026-02-28T23:00:00Z'],
    ['2026-03', '743', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
    ['2026-04', '720', '2026-03-31T22:00:00Z', '2026-04-30T22:00:00Z'],
    ['2026-10', '745', '2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z'],
    ['2026-12', '744', '2026-11-30T23:00:00Z', '2026-12-31T23:00:00Z'],
  ])('%s in Paris has %s hours', (period, hours, start, end) => {
    expect(billingPeriod(period)).toEqual({ period, timeZone: 'Europe/Paris', start, end, hours });
  });

  it('uses the contract time zone', () => {
    expect(billingPeriod('2026-03', 'UTC')).toMatchObject({
      start: '2026-03-01T00:00:00Z',
      hours: '744',
    });
    expect(billingPeriod('2026-03', 'America/New_York').hours).toBe('743');
  });

  it.each(['2026-13', '2026-3', '26-03', '2026-00', '', 'March'])(
    'refuses the period %j',
    (period) => {
      expect(() => billingPeriod(period)).toThrow(/period: expected a month as "YYYY-MM"/);
    },
  );

  it('refuses an unknown time zone, naming it', () => {
    expect(() => billingPeriod('2026-03', 'Mars/Olympus')).toThrow(BillingInputError);
    expect(() => billingPeriod('2026-03', 'Mars/Olympus')).toThrow(
      /timeZone: expected an IANA time zone/,
    );
  });

  it('finds the period of an instant in the billing time zone', () => {
    expect(periodContaining('2026-02-28T23:30:00Z')).toBe('2026-03');
    expect(periodContaining('2026-02-28T22:59:59Z')).toBe('2026-02');
    expect(periodContaining('2026-02-28T23:30:00Z', 'UTC')).toBe('2026-02');
  });
});
