import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { fromMicro, isRoundedToMicro, toMicro } from './micro-units.js';
import { splitOverHours, MS_PER_HOUR } from './hour-buckets.js';

describe('micro-units', () => {
  it('converts plain decimals both ways', () => {
    expect(toMicro('12.5')).toBe(12_500_000);
    expect(toMicro('0')).toBe(0);
    expect(toMicro('800000')).toBe(800_000_000_000);
    expect(toMicro('0.000001')).toBe(1);
    expect(fromMicro(12_500_000)).toBe('12.5');
    expect(fromMicro(0n)).toBe('0');
    expect(fromMicro(1)).toBe('0.000001');
    expect(fromMicro(-1_500_000n)).toBe('-1.5');
  });

  it('rounds half-up beyond 6 decimals and says so', () => {
    expect(toMicro('1.0000005')).toBe(1_000_001);
    expect(toMicro('1.0000004999')).toBe(1_000_000);
    expect(isRoundedToMicro('1.0000005')).toBe(true);
    expect(isRoundedToMicro('1.0000000')).toBe(false);
    expect(isRoundedToMicro('1.5')).toBe(false);
  });

  it('refuses what is not a non-negative plain decimal', () => {
    for (const bad of ['', '-1', '1e3', 'abc', '1.', '99999999999'])
      expect(() => toMicro(bad)).toThrow(/quantity/);
  });

  it('round-trips any 6-decimal quantity', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_000_000_000_000_000n }), (micro) => {
        expect(BigInt(toMicro(fromMicro(micro)))).toBe(micro);
        expect(new Decimal(fromMicro(micro)).times(1e6).toFixed()).toBe(micro.toString());
      }),
    );
  });
});

describe('splitOverHours', () => {
  const at = Date.parse('2026-03-01T10:00:00Z');

  it('keeps a record inside one hour whole', () => {
    expect(splitOverHours(5, at + 60_000, at + 120_000)).toEqual([
      { hour: at / MS_PER_HOUR, micro: 5 },
    ]);
  });

  it('splits pro rata of time, the last hour taking the remainder', () => {
    // 10:30 → 12:15: 30 + 60 + 15 minutes of 105.
    const shares = splitOverHours(1_000_000, at + 30 * 60_000, at + 135 * 60_000);
    expect(shares.map((s) => s.micro)).toEqual([285_714, 571_428, 142_858]);
    expect(shares.map((s) => s.hour)).toEqual([0, 1, 2].map((i) => at / MS_PER_HOUR + i));
  });

  it('always sums to the record exactly, each share within one micro-unit of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 50 }),
        fc.integer({ min: 0, max: 10 * MS_PER_HOUR }),
        fc.integer({ min: 1, max: 400 * MS_PER_HOUR }),
        (micro, offset, duration) => {
          const start = at + offset;
          const shares = splitOverHours(micro, start, start + duration);
          expect(shares.reduce((sum, s) => sum + s.micro, 0)).toBe(micro);
          for (const share of shares.slice(0, -1)) {
            const overlap =
              Math.min(start + duration, (share.hour + 1) * MS_PER_HOUR) -
              Math.max(start, share.hour * MS_PER_HOUR);
            const exact = new Decimal(micro).times(overlap).div(duration);
            expect(exact.minus(share.micro).abs().lt(1)).toBe(true);
          }
        },
      ),
    );
    // A property over up to 400-hour records: seconds alone, more under the full suite on 2 cores.
  }, 30_000);
});
