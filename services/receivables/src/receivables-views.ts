import {
  activeAllocations,
  formatMoney,
  unallocated,
  type Book,
  type Payment,
  type PartyRef,
} from '@cadran/receivables';

export type PaymentState = 'UNMATCHED' | 'PARTIALLY_ALLOCATED' | 'ALLOCATED' | 'RETURNED';

export type AllocationView = {
  id: string;
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string;
  amount: string;
  rule: string;
  allocatedAt: string;
  reversed: boolean;
  reversal: { reason: string; effectiveDate: string; reversedAt: string } | null;
};

export type PaymentView = Omit<Payment, 'allocationIds' | 'paymentId' | 'party'> & {
  id: string;
  party: PartyRef | null;
  state: PaymentState;
  allocated: string;
  unallocated: string;
  allocations: AllocationView[];
};

/** A payment as the API shows it: what it paid, what it still holds, and where it went. */
export function paymentView(book: Book, payment: Payment): PaymentView {
  const { allocationIds, paymentId, ...rest } = payment;
  const held = unallocated(book, payment);
  const active = activeAllocations(book, payment);
  const state: PaymentState = payment.returned
    ? 'RETURNED'
    : payment.party === null && active.length === 0
      ? 'UNMATCHED'
      : held.greaterThan(0)
        ? 'PARTIALLY_ALLOCATED'
        : 'ALLOCATED';
  const allocated = active.reduce((sum, a) => sum.plus(a.amount), held.minus(held));
  return {
    ...rest,
    id: paymentId,
    state,
    allocated: formatMoney(allocated),
    unallocated: formatMoney(held),
    allocations: allocationIds.map((id) => {
      const a = book.allocations.get(id)!;
      return {
        id,
        paymentId,
        invoiceId: a.invoiceId,
        invoiceNumber: a.invoiceNumber,
        amount: a.amount,
        rule: a.rule,
        allocatedAt: a.allocatedAt,
        reversed: a.reversed !== null,
        reversal: a.reversed
          ? {
              reason: a.reversed.reason,
              effectiveDate: a.reversed.effectiveDate,
              reversedAt: a.reversed.reversedAt,
            }
          : null,
      };
    }),
  };
}
