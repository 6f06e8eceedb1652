import type Decimal from 'decimal.js';
import { formatMoney, roundMoney, sum } from './decimal.js';
import { fail } from './errors.js';
import { parseDecimal } from './parse.js';

export interface InvoiceTotals {
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
}

/** A money amount: a decimal with at most two decimals. */
export function parseMoney(value: unknown, field: string): Decimal {
  const amount = parseDecimal(value, field);
  if (amount.decimalPlaces() > 2)
    fail(field, `an amount has at most 2 decimals, got ${amount.toFixed()}`);
  return amount;
}

/** Subtotal = sum of the rounded line amounts; VAT = round half-up(subtotal × rate); total = subtotal + VAT. */
export function invoiceTotals(
  lines: readonly { amount: string }[],
  tax: { ratePercent: string },
): InvoiceTotals {
  const ratePercent = parseDecimal(tax?.ratePercent, 'tax.ratePercent', 'nonNegative');
  const subtotal = sum(lines.map((line, i) => parseMoney(line?.amount, `lines[${i}].amount`)));
  const taxAmount = roundMoney(subtotal.times(ratePercent).div(100));
  return {
    subtotal: formatMoney(subtotal),
    taxRatePercent: ratePercent.toFixed(),
    taxAmount: formatMoney(taxAmount),
    total: formatMoney(subtotal.plus(taxAmount)),
  };
}
