import Decimal from 'decimal.js';
import { allocationsAsOf, outstandingAsOf } from './as-of.js';
import type { Book } from './book.js';
import { daysBetween, dueDate } from './dates.js';
import type { InvoiceFacts } from './facts.js';
import { D, formatMoney, money, sumMoney, type Money } from './money.js';

/** The fixed indemnity for recovery costs, once per invoice paid late (Code de commerce D441-5). */
export const RECOVERY_INDEMNITY = '40.00';

export type LateInterestLine = {
  /** PAYMENT: an amount paid after the due date; OUTSTANDING: what is still unpaid, accrued to the date. */
  basis: 'PAYMENT' | 'OUTSTANDING';
  paymentId: string | null;
  amount: string;
  from: string;
  to: string;
  daysLate: number;
  interest: string;
};

export type LateCharges = {
  invoiceId: string;
  invoiceNumber: string;
  ratePercent: string;
  lines: LateInterestLine[];
  interest: string;
  indemnity: string;
  total: string;
};

/** amount × annual rate × days / 365, half-up to the cent. */
export const lateInterest = (amount: Money, ratePercent: string, days: number): Money =>
  amount
    .times(new D(ratePercent))
    .div(100)
    .times(days)
    .div(365)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * The late-payment charges of an invoice as of a local date (L441-10, D441-5): interest at the
 * rate printed on the invoice on each amount paid after the due date, for the days from the due
 * date to the payment's value date, rounded per payment; interest accruing on what is still unpaid
 * up to `date`; and the €40 indemnity once when anything was or is late.
 */
export function lateCharges(book: Book, invoice: InvoiceFacts, date: string): LateCharges {
  const due = dueDate(invoice);
  const lines: LateInterestLine[] = [];
  if (invoice.kind === 'LATE_CHARGES') return charged(invoice, lines, money('0'));
  for (const allocation of allocationsAsOf(book, invoice, date)) {
    const valueDate = book.payments.get(allocation.paymentId)!.valueDate;
    const days = daysBetween(due, valueDate);
    if (days <= 0) continue;
    const amount = money(allocation.amount);
    lines.push({
      basis: 'PAYMENT',
      paymentId: allocation.paymentId,
      amount: allocation.amount,
      from: due,
      to: valueDate,
      daysLate: days,
      interest: formatMoney(lateInterest(amount, invoice.latePaymentRatePercent, days)),
    });
  }
  const unpaid = outstandingAsOf(book, invoice, date);
  const daysUnpaid = daysBetween(due, date);
  if (unpaid.greaterThan(0) && daysUnpaid > 0) {
    lines.push({
      basis: 'OUTSTANDING',
      paymentId: null,
      amount: formatMoney(unpaid),
      from: due,
      to: date,
      daysLate: daysUnpaid,
      interest: formatMoney(lateInterest(unpaid, invoice.latePaymentRatePercent, daysUnpaid)),
    });
  }
  return charged(invoice, lines, money(lines.length > 0 ? RECOVERY_INDEMNITY : '0'));
}

function charged(invoice: InvoiceFacts, lines: LateInterestLine[], indemnity: Money): LateCharges {
  const interest = sumMoney(lines.map((line) => money(line.interest)));
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.number,
    ratePercent: invoice.latePaymentRatePercent,
    lines,
    interest: formatMoney(interest),
    indemnity: formatMoney(indemnity),
    total: formatMoney(interest.plus(indemnity)),
  };
}
