import { invoiceAllocations, type Allocation, type Book } from './book.js';
import { localDate } from './dates.js';
import type { InvoiceFacts } from './facts.js';
import { money, sumMoney, ZERO, type Money } from './money.js';

/**
 * The book read as of the end of a local date: a payment counts from its value date, a credit
 * note from its issue date, a reversal from its effective date (the bank's return date).
 */
export const issuedBy = (invoice: InvoiceFacts, date: string): boolean =>
  localDate(invoice.issuedAt, invoice.timeZone) <= date;

export function allocationsAsOf(book: Book, invoice: InvoiceFacts, date: string): Allocation[] {
  return invoiceAllocations(book, invoice.invoiceId).filter((allocation) => {
    const payment = book.payments.get(allocation.paymentId);
    if (!payment || payment.valueDate > date) return false;
    return allocation.reversed === null || allocation.reversed.effectiveDate > date;
  });
}

export const creditedAsOf = (book: Book, invoice: InvoiceFacts, date: string): Money =>
  sumMoney(
    (book.creditNotes.get(invoice.invoiceId) ?? [])
      .filter((note) => localDate(note.issuedAt, invoice.timeZone) <= date)
      .map((note) => money(note.total)),
  );

export const paidAsOf = (book: Book, invoice: InvoiceFacts, date: string): Money =>
  sumMoney(allocationsAsOf(book, invoice, date).map((a) => money(a.amount)));

/** What is owed on the invoice at the end of `date` (never below zero). */
export function outstandingAsOf(book: Book, invoice: InvoiceFacts, date: string): Money {
  const left = money(invoice.total)
    .minus(creditedAsOf(book, invoice, date))
    .minus(paidAsOf(book, invoice, date));
  return left.lessThan(0) ? ZERO : left;
}
