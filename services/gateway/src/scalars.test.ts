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

describe('Period', () => {
  it('takes YYYY-MM', () => expect(Period.parseValue('2026-03')).toBe('2026-03'));
  it.each(['2026-13', '2026-3', '2026-03-01', 202603])('refuses %s', (value) => {
    expect(refusal(() => Period.parseValue(value)).message).toMatch(/YYYY-MM/);
  });
});
