import Decimal from 'decimal.js';

/**
 * The engine's own Decimal: 50 significant digits so that pro-rata divisions (hours, kW-months)
 * stay exact far below the cent, and half-up rounding (away from zero on ties).
 */
export const D = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});

export const ZERO = new D(0);

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Round half-up (ties away from zero) to the cent. */
export function roundMoney(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function noNegativeZero(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** "2358579.20": always exactly two decimals. */
export function formatMoney(value: Decimal): string {
  return noNegativeZero(roundMoney(value).toFixed(2));
}

/** Quantities are shown rounded half-up to at most 6 decimals, without trailing zeros. */
export function formatQuantity(value: Decimal): string {
  return noNegativeZero(value.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed());
}

/** Prices as given, with at least two decimals ("3.10", "0.115"). */
export function formatPrice(value: Decimal): string {
  return noNegativeZero(value.decimalPlaces() < 2 ? value.toFixed(2) : value.toFixed());
}
