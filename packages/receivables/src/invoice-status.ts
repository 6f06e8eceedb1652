import { allocationsAsOf, creditedAsOf, outstandingAsOf, paidAsOf } from './as-of.js';
import type { Book } from './book.js';
import { daysBetween, dueDate } from './dates.js';
import type { AllocationRule } from './events.js';
import type { InvoiceFacts } from './facts.js';
import { lateCharges, type LateCharges } from './late-charges.js';
import { formatMoney, money } from './money.js';

export type PaymentStatus = 'OPEN' | 'PARTIALLY_PAID' | 'PAID' | 'OVERDUE' | 'CREDITED';

export type InvoiceAllocationView = {
  allocationId: string;
  paymentId: string;
  amount: string;
  valueDate: string;
  rule: AllocationRule;
  reversed: boolean;
};

export type InvoiceReceivable = Pick<
  InvoiceFacts,
  'invoiceId' | 'number' | 'party' | 'partyName' | 'tenantId' | 'issuedAt' | 'dueAt'
> & {
  dueDate: string;
  total: string;
  credited: string;
  paid: string;
  remaining: string;
  status: PaymentStatus;
  /** Days past the local due date while something remains; 0 otherwise. */
  daysOverdue: number;
  allocations: InvoiceAllocationView[];
  lateCharges: LateCharges;
};

/**
 * An invoice's settlement as of a local date: CREDITED when credit notes alone settle it, PAID when
 * payments (with any credit notes) do, OVERDUE from the day after the local due date while
 * anything remains, PARTIALLY_PAID before that when something was paid or credited, else OPEN.
 */
export function invoiceReceivable(
  book: Book,
  invoice: InvoiceFacts,
  date: string,
): InvoiceReceivable {
  const total = money(invoice.total);
  const credited = creditedAsOf(book, invoice, date);
  const paid = paidAsOf(book, invoice, date);
  const left = outstandingAsOf(book, invoice, date);
  const due = dueDate(invoice);
  const late = daysBetween(due, date);
  const status: PaymentStatus = !left.greaterThan(0)
    ? credited.greaterThanOrEqualTo(total)
      ? 'CREDITED'
      : 'PAID'
    : late > 0
      ? 'OVERDUE'
      : paid.greaterThan(0) || credited.greaterThan(0)
        ? 'PARTIALLY_PAID'
        : 'OPEN';
  const counted = new Set(allocationsAsOf(book, invoice, date).map((a) => a.allocationId));
  const allocations = (book.invoiceAllocationIds.get(invoice.invoiceId) ?? []).map((id) => {
    const allocation = book.allocations.get(id)!;
    return {
      allocationId: id,
      paymentId: allocation.paymentId,
      amount: allocation.amount,
      valueDate: book.payments.get(allocation.paymentId)?.valueDate ?? '',
      rule: allocation.rule,
      reversed: !counted.has(id) && allocation.reversed !== null,
    };
  });
  return {
    invoiceId: invoice.invoiceId,
    number: invoice.number,
    party: invoice.party,
    partyName: invoice.partyName,
    tenantId: invoice.tenantId,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    dueDate: due,
    total: formatMoney(total),
    credited: formatMoney(credited),
    paid: formatMoney(paid),
    remaining: formatMoney(left),
    status,
    daysOverdue: left.greaterThan(0) && late > 0 ? late : 0,
    allocations,
    lateCharges: lateCharges(book, invoice, date),
  };
}
