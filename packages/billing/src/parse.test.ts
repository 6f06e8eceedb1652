import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseDecimal, parseInstant } from './parse.js';

describe('parseInstant', () => {
  it.each([
    ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T01:00:00+01:00', '2026-03-01T00:00:00.000Z'],
    ['2026-02-28T19:30:00-04:30', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00.123456789Z', '2026-03-01T00:00:00.123Z'],
    ['2026-03-01t00:00:00z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00.29Z', '2026-03-01T00:00:00.290Z'],
    ['2026-03-01T00:00:00.5+00:00', '2026-03-01T00:00:00.500Z'],
  ])('reads %s', (text, expected) => {
    expect(new Date(parseInstant(text, 'at')).toISOString()).toBe(expected);
    expect(parseInstant(text, 'at')).toBe(Date.parse(expected));
  });

  it.each([
    '2026-03-01',
    '2026-03-01T00:00:00',
    '2026-02-29T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T00:60Z',
    '2026-03-01T00:00:61Z',
    '0099-03-01T00:00:00Z',
  ])('refuses %s', (text) => {
    expect(() => parseInstant(text, 'at')).toThrow(/^at: /);
  });
});

describe('parseDecimal', () => {
  it('reads strings and Decimals, never numbers, hex or exponents', () => {
    expect(parseDecimal(' 3.10 ', 'p').toFixed()).toBe('3.1');
    expect(parseDecimal(new Decimal('-0.5'), 'p').toFixed()).toBe('-0.5');
    for (const bad of [3.1, '0x10', '1e3', 'Infinity', 'NaN', '', new Decimal(NaN)]) {
      expect(() => parseDecimal(bad, 'p')).toThrow(/^p: expected a decimal string/);
    }
  });
});
