import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instant } from './fields.js';
import { canonicalInstant, formatInstant, parseRfc3339 } from './instant.js';
import { parseInput } from './parse-input.js';

const parse = (value: unknown) => parseInput(z.object({ at: instant() }), { at: value }).at;

describe('instants', () => {
  it('normalises offsets to UTC', () => {
    expect(parse('2026-03-01T01:00:00+01:00')).toBe('2026-03-01T00:00:00Z');
    expect(parse('2026-03-01T00:00:00.250Z')).toBe('2026-03-01T00:00:00.250Z');
  });

  it.each([
    '2026-03-01T00:00:00',
    '2026-02-30T00:00:00Z',
    '2026-03-01',
    'yesterday',
    '2026-03-01T24:00:00Z',
    1772323200000,
  ])('refuses %j', (value) => {
    expect(() => parse(value)).toThrow(/^at: expected an RFC 3339 instant with an offset/);
  });

  it('takes a canonical instant as it is and leaves every other form to the full parser', () => {
    expect(canonicalInstant('2026-03-01T00:00:00Z')).toBe('2026-03-01T00:00:00Z');
    expect(canonicalInstant('2028-02-29T23:59:59Z')).toBe('2028-02-29T23:59:59Z');
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T00:60:00Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-01T01:00:00+01:00',
      '2026-03-01t00:00:00z',
    ]) {
      expect(canonicalInstant(text)).toBeUndefined();
    }
    // Whatever it accepts, the full parser accepts with the same canonical form.
    for (let ms = Date.UTC(1999, 11, 31); ms < Date.UTC(2031, 0, 2); ms += 86_399_000) {
      const text = formatInstant(ms);
      expect(canonicalInstant(text)).toBe(text);
      expect(formatInstant(parseRfc3339(text)!)).toBe(text);
    }
  });
});
