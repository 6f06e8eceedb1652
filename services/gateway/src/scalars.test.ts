import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTime, Decimal, Period } from './scalars.js';

const refusal = (run: () => unknown): GraphQLError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
};

describe('DateTime', () => {
  it('takes RFC 3339 with an offset and answers in UTC', () => {
    expect(DateTime.parseValue('2026-03-01T01:00:00+01:00')).toBe('2026-03-01T00:00:00Z');
    expect(DateTime.serialize('2026-03-01T00:00:00.000Z')).toBe('2026-03-01T00:00:00Z');
    expect(DateTime.serialize('2026-03-01T00:00:00.250Z')).toBe('2026-03-01T00:00:00.250Z');
  });

  it.each([
    '2026-03-01T00:00:00',
    '2026-03-01',
    '2026-02-30T00:00:00Z',
    'yesterday',
    1_700_000_000,
  ])('refuses %s, saying what is accepted', (value) => {
    const error = refusal(() => DateTime.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/RFC 3339 instant with an offset/);
  });

  it('takes the first and last instants of years 2000 to 2999, whatever the offset', () => {
    expect(DateTime.parseValue('2000-01-01T01:00:00+01:00')).toBe('2000-01-01T00:00:00Z');
    expect(DateTime.parseValue('2999-12-31T23:59:59Z')).toBe('2999-12-31T23:59:59Z');
  });

  it.each([
    ['9999-12-31T23:59:59-23:59', /which is \+010000-01-01T23:58:59\.000Z in UTC/],
    ['2999-12-31T23:00:00-01:00', /which is 3000-01-01T00:00:00\.000Z in UTC/],
    ['2000-01-01T00:30:00+01:00', /which is 1999-12-31T23:30:00\.000Z in UTC/],
    ['1000-01-01T00:00:00Z', /which is 1000-01-01T00:00:00\.000Z in UTC/],
  ])('refuses %s: out of range once its offset is applied', (value, inUtc) => {
    const error = refusal(() => DateTime.parseLiteral({ kind: Kind.STRING, value }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/from 2000-01-01T00:00:00Z to 2999-12-31T23:59:59Z/);
    expect(error.message).toMatch(inUtc);
  });
});

describe('Decimal', () => {
  it('keeps decimal strings exactly', () => {
    expect(Decimal.parseValue('2358579.20')).toBe('2358579.20');
    expect(Decimal.parseValue('-0.000000000000000001')).toBe('-0.000000000000000001');
    expect(Decimal.parseLiteral({ kind: Kind.STRING, value: '145' })).toBe('145');
  });

  it.each([1.5, 12, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the JSON number %s: not exact',
    (value) => {
      expect(refusal(() => Decimal.parseValue(value)).message).toMatch(
        /numbers are refused because they are not exact/,
      );
    },
  );

  it.each(['NaN', '1e5', '1,5', '', ' 1', '0x10'])('refuses the text %j', (value) => {
    expect(refusal(() => Decimal.parseValue(value)).message).toMatch(
      /a decimal written as a string/,
    );
  });

  it('refuses number literals in documents', () => {
    expect(
      refusal(() => Decimal.parseLiteral({ kind: Kind.FLOAT, value: '12.5' })).message,
    ).toMatch(/number literal 12\.5: quote it/);
  });
});

describe('what a refusal echoes', () => {
  it('names at most 64 characters of a long input, then its length, as every other refusal does', () => {
    const message = refusal(() => DateTime.parseValue('9'.repeat(100_000))).message;
    expect(message).toContain(`got "${'9'.repeat(64)}…" (100,000 characters)`);
    expect(message.length).toBeLessThan(400);
  });
});

describe('Period', () => {
  it('takes YYYY-MM', () => expect(Period.parseValue('2026-03')).toBe('2026-03'));
  it.each(['2000-01', '2999-12'])('takes %s, at an end of the range', (value) => {
    expect(Period.parseLiteral({ kind: Kind.STRING, value })).toBe(value);
  });
  it.each(['1000-01', '1999-12', '3000-01', '9999-12', '0000-01'])(
    'refuses %s, saying which months are accepted',
    (value) => {
      const error = refusal(() => Period.parseValue(value));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toBe(
        `Period: expected a billing month YYYY-MM from 2000-01 to 2999-12, e.g. "2026-03", got "${value}"`,
      );
    },
  );
  it.each(['2026-13', '2026-3', '2026-03-01', 202603])('refuses %s', (value) => {
    expect(refusal(() => Period.parseValue(value)).message).toMatch(/YYYY-MM/);
  });
});
