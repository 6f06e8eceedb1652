import Decimal from 'decimal.js';

/** Receivables' own Decimal: exact sums of cents, half-up rounding to the cent at the end only. */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof D>;

export const ZERO = new D(0);

export const money = (text: string): Money => new D(text);

export const sumMoney = (values: Iterable<Money>): Money => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};

/** Half-up to the cent, always two decimals, never "-0.00". */
export const formatMoney = (value: Money): string => {
  const text = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
};

export const minMoney = (a: Money, b: Money): Money => (a.lessThan(b) ? a : b);

/** A positive amount in euros with at most 2 decimals ("1200.50"). */
export const AMOUNT_PATTERN = /^\d{1,15}(\.\d{1,2})?$/;
export const AMOUNT_ACCEPTED =
  'a positive amount in euros with at most 2 decimals, such as "1200.50"';
