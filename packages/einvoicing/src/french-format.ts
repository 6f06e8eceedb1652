import Decimal from 'decimal.js';

const NBSP = '\u00a0';

/** "2358579.2" → "2 358 579,20" (French grouping with non-breaking spaces, decimal comma). */
export function frenchNumber(value: string, decimals?: number): string {
  const d = new Decimal(value);
  const fixed = decimals === undefined ? d.toFixed() : d.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

export const frenchMoney = (value: string) => `${frenchNumber(value, 2)}${NBSP}€`;

/** A price with at least 2 decimals ("0,115", "3,10"). */
export function frenchPrice(value: string): string {
  const d = new Decimal(value);
  return frenchNumber(value, Math.max(2, d.decimalPlaces()));
}
