import {
  FIRST_ACCEPTED_YEAR as FIRST_YEAR,
  LAST_ACCEPTED_YEAR as LAST_YEAR,
  describe,
  formatInstant,
  isAcceptedYear,
  parseRfc3339,
} from '@cadran/domain';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const badInput = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const stringLiteral = (ast: ValueNode, scalar: string): string => {
  if (ast.kind !== Kind.STRING)
    throw badInput(
      `${scalar} must be written as a string literal, got a ${ast.kind.toLowerCase()} literal`,
    );
  return ast.value;
};

/** Instants and billing months the API takes: the accepted years, for an instant once its offset is applied. */
const FIRST_MS = Date.UTC(FIRST_YEAR, 0, 1);
const END_MS = Date.UTC(LAST_YEAR + 1, 0, 1);

const DATE_TIME_ACCEPTED = `an RFC 3339 instant with an offset from ${FIRST_YEAR}-01-01T00:00:00Z to ${LAST_YEAR}-12-31T23:59:59Z, e.g. "2026-03-01T00:00:00Z" or "2026-03-01T01:00:00+01:00"`;

const parseDateTime = (value: unknown): string => {
  const ms = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (ms === undefined)
    throw badInput(`DateTime: expected ${DATE_TIME_ACCEPTED}, got ${describe(value)}`);
  if (ms < FIRST_MS || ms >= END_MS)
    throw badInput(
      `DateTime: expected ${DATE_TIME_ACCEPTED}, got ${describe(value)}, which is ${new Date(ms).toISOString()} in UTC`,
    );
  return formatInstant(ms);
};

/** Instants already seen in their output form: the views hold UTC strings, written once each. */
const canonical = new Set<string>();
const MAX_CANONICAL = 100_000;

export const DateTime = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: `An instant, RFC 3339 with an offset, from ${FIRST_YEAR} to ${LAST_YEAR} in UTC; output in UTC, e.g. 2026-03-01T00:00:00Z.`,
  serialize: (value) => {
    if (typeof value === 'string' && canonical.has(value)) return value;
    const ms =
      typeof value === 'string'
        ? Date.parse(value)
        : value instanceof Date
          ? value.getTime()
          : Number.NaN;
    if (Number.isNaN(ms)) throw new TypeError(`DateTime cannot serialize ${describe(value)}`);
    const text = formatInstant(ms);
    if (text === value) {
      if (canonical.size >= MAX_CANONICAL) canonical.clear();
      canonical.add(text);
    }
    return text;
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime')),
});

const DECIMAL = /^-?\d{1,30}(\.\d{1,20})?$/;
const DECIMAL_ACCEPTED =
  'a decimal written as a string, e.g. "2358579.20" or "-12", at most 30 digits before the point and 20 after';

const parseDecimal = (value: unknown): string => {
  if (typeof value === 'number') {
    throw badInput(
      `Decimal: expected ${DECIMAL_ACCEPTED}; got the JSON number ${String(value)}: numbers are refused because they are not exact, quote it`,
    );
  }
  if (typeof value !== 'string' || !DECIMAL.test(value))
    throw badInput(`Decimal: expected ${DECIMAL_ACCEPTED}, got ${describe(value)}`);
  return value;
};

export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal as a string, e.g. "2358579.20". Never a float.',
  serialize: (value) => {
    if (typeof value !== 'string')
      throw new TypeError(
        `Decimal cannot serialize ${describe(value)}: decimals travel as strings`,
      );
    return value;
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.FLOAT || ast.kind === Kind.INT) {
      throw badInput(
        `Decimal: expected ${DECIMAL_ACCEPTED}; got the number literal ${ast.value}: quote it`,
      );
    }
    return parseDecimal(stringLiteral(ast, 'Decimal'));
  },
});

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PERIOD_ACCEPTED = `a billing month YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12, e.g. "2026-03"`;

const periodText = (value: unknown): string => {
  if (typeof value !== 'string' || !PERIOD.test(value))
    throw badInput(`Period: expected ${PERIOD_ACCEPTED}, got ${describe(value)}`);
  return value;
};

const parsePeriod = (value: unknown): string => {
  const year = Number(periodText(value).slice(0, 4));
  if (!isAcceptedYear(year))
    throw badInput(`Period: expected ${PERIOD_ACCEPTED}, got ${describe(value)}`);
  return value as string;
};

export const Period = new GraphQLScalarType<string, string>({
  name: 'Period',
  description: `A billing month, YYYY-MM, from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12.`,
  // What the read models hold is answered as it is: the range is for what clients send.
  serialize: periodText,
  parseValue: parsePeriod,
  parseLiteral: (ast) => parsePeriod(stringLiteral(ast, 'Period')),
});
