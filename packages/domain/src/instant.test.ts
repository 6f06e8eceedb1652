import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instant } from './fields.js';
import { parseInput } from './parse-input.js';

const parse = (value: unknown) => parseInput(z.object({ at: instant() }), { at: value }).at;

describe('instants', () => {
  it('normalises offsets to UTC', () => {
    expect(parse('2026-03-01T01:00:00+01:00')).toBe('2026-03-01T00:00:00Z');
    expect(parse('2026-03-01T00:00:00.250Z')).toBe('2026-03-01T00:00:00.250Z');
  });

  it.each(['2026-03-01T00:00:00', '2026-02-30T00:00:00Z', '2026-03-01', 'yesterday', '2026-03-01T24:00:00Z', 1772323200000])(
    'refuses %j',
    (value) => {
      expect(() => parse(value)).toThrow(/^at: expected an RFC 3339 instant with an offset/);
    },
  );
});
