import type {
  AllocationReversed,
  LateChargesInvoiced,
  CreditRefunded,
  PaymentAllocated,
  PaymentReceived,
  PaymentReminderIssued,
  ReceivablesEvent,
} from './events.js';
import type { CreditNoteFacts, InvoiceFacts, InvoicingFact, PartyRef } from './facts.js';
import { money, sumMoney, ZERO, type Money } from './money.js';

export type Allocation = PaymentAllocated['data'] & {
  reversed: AllocationReversed['data'] | null;
};
export type Payment = Omit<PaymentReceived['data'], 'party'> & {
  party: PartyRef | null;
  returned: { reason: string; returnDate: string; returnedAt: string } | null;
  allocationIds: string[];
};
export type Refund = CreditRefunded['data'];
export type Reminder = PaymentReminderIssued['data'];

/**
 * Everything receivables knows, folded from invoicing's issued invoices and credit notes and from
 * the `receivables` stream. The write side decides on it; the read model rebuilds the part of it a
 * query needs from its tables, and the same functions answer.
 */
export type Book = {
  invoices: Map<string, InvoiceFacts>;
  invoiceByNumber: Map<string, string>;
  creditNotes: Map<string, CreditNoteFacts[]>;
  payments: Map<string, Payment>;
  allocations: Map<string, Allocation>;
  /** Allocation ids per invoice, in the order made. */
  invoiceAllocationIds: Map<string, string[]>;
  refunds: Map<string, Refund>;
  reminders: Map<string, Reminder>;
  statements: Map<string, { digest: string }>;
  /** Late-charge documents, in number order. */
  lateChargeDocuments: LateChargesInvoiced['data'][];
};

export const emptyBook = (): Book => ({
  invoices: new Map(),
  invoiceByNumber: new Map(),
  creditNotes: new Map(),
  payments: new Map(),
  allocations: new Map(),
  invoiceAllocationIds: new Map(),
  refunds: new Map(),
  reminders: new Map(),
  statements: new Map(),
  lateChargeDocuments: [],
});

export const reminderKey = (invoiceId: string, step: string) => `${invoiceId}/${step}`;

const update = (book: Book, paymentId: string, change: (payment: Payment) => Partial<Payment>) => {
  const payment = book.payments.get(paymentId);
  if (payment) book.payments.set(paymentId, { ...payment, ...change(payment) });
};

/** A copy a decision may evolve without touching the book it was given (entries are replaced, never changed). */
export const copyBook = (book: Book): Book => ({
  invoices: new Map(book.invoices),
  invoiceByNumber: new Map(book.invoiceByNumber),
  creditNotes: new Map(book.creditNotes),
  payments: new Map(book.payments),
  allocations: new Map(book.allocations),
  invoiceAllocationIds: new Map(book.invoiceAllocationIds),
  refunds: new Map(book.refunds),
  reminders: new Map(book.reminders),
  statements: new Map(book.statements),
  lateChargeDocuments: [...book.lateChargeDocuments],
});

/**
 * Folds one event into the book. The maps are changed in place (the book is folded once and
 * kept current), their entries never: an entry that changes is replaced, so a `copyBook` stays apart.
 */
export function evolveBook(book: Book, event: ReceivablesEvent | InvoicingFact): Book {
  switch (event.type) {
    case 'InvoiceIssued':
      book.invoices.set(event.data.invoiceId, event.data);
      book.invoiceByNumber.set(event.data.number, event.data.invoiceId);
      break;
    case 'CreditNoteIssued': {
      const list = book.creditNotes.get(event.data.invoiceId) ?? [];
      if (!list.some((note) => note.creditNoteId === event.data.creditNoteId))
        book.creditNotes.set(event.data.invoiceId, [...list, event.data]);
      break;
    }
    case 'PaymentReceived':
      book.payments.set(event.data.paymentId, {
        ...event.data,
        returned: null,
        allocationIds: [],
      });
      break;
    case 'PaymentAttributed':
      update(book, event.data.paymentId, () => ({ party: event.data.party }));
      break;
    case 'PaymentAllocated': {
      if (book.allocations.has(event.data.allocationId)) break;
      book.allocations.set(event.data.allocationId, { ...event.data, reversed: null });
      book.invoiceAllocationIds.set(event.data.invoiceId, [
        ...(book.invoiceAllocationIds.get(event.data.invoiceId) ?? []),
        event.data.allocationId,
      ]);
      update(book, event.data.paymentId, (payment) => ({
        allocationIds: [...payment.allocationIds, event.data.allocationId],
        party: payment.party ?? event.data.party,
      }));
      break;
    }
    case 'AllocationReversed': {
      const allocation = book.allocations.get(event.data.allocationId);
      if (allocation)
        book.allocations.set(allocation.allocationId, { ...allocation, reversed: event.data });
      break;
    }
    case 'PaymentReturned': {
      const { reason, returnDate, returnedAt } = event.data;
      update(book, event.data.paymentId, () => ({ returned: { reason, returnDate, returnedAt } }));
      break;
    }
    case 'CreditRefunded':
      book.refunds.set(event.data.refundId, event.data);
      break;
    case 'BankStatementImported':
      book.statements.set(event.data.statementId, { digest: event.data.digest });
      break;
    case 'PaymentReminderIssued':
      book.reminders.set(reminderKey(event.data.invoiceId, event.data.step), event.data);
      break;
    case 'LateChargesInvoiced': {
      const doc = event.data;
      if (book.invoices.has(doc.documentId)) break;
      book.lateChargeDocuments.push(doc);
      book.invoices.set(doc.documentId, {
        invoiceId: doc.documentId,
        number: doc.number,
        party: doc.party,
        partyName: doc.partyName,
        tenantId: doc.tenantId,
        issuedAt: doc.issuedAt,
        dueAt: doc.issuedAt,
        total: doc.total,
        latePaymentRatePercent: '0',
        timeZone: doc.timeZone,
        kind: 'LATE_CHARGES',
      });
      book.invoiceByNumber.set(doc.number, doc.documentId);
      break;
    }
  }
  return book;
}

export const activeAllocations = (book: Book, payment: Payment): Allocation[] =>
  payment.allocationIds
    .map((id) => book.allocations.get(id))
    .filter((a): a is Allocation => a !== undefined && a.reversed === null);

export const invoiceAllocations = (book: Book, invoiceId: string): Allocation[] =>
  (book.invoiceAllocationIds.get(invoiceId) ?? [])
    .map((id) => book.allocations.get(id))
    .filter((a): a is Allocation => a !== undefined);

/** What a payment still holds for allocation: nothing once returned. */
export function unallocated(book: Book, payment: Payment): Money {
  if (payment.returned) return ZERO;
  return money(payment.amount).minus(
    sumMoney(activeAllocations(book, payment).map((a) => money(a.amount))),
  );
}

export const credited = (book: Book, invoiceId: string): Money =>
  sumMoney((book.creditNotes.get(invoiceId) ?? []).map((note) => money(note.total)));

export const paid = (book: Book, invoiceId: string): Money =>
  sumMoney(
    invoiceAllocations(book, invoiceId)
      .filter((a) => a.reversed === null)
      .map((a) => money(a.amount)),
  );

/** What is still owed on the invoice now (never below zero). */
export function remaining(book: Book, invoice: InvoiceFacts): Money {
  const left = money(invoice.total)
    .minus(credited(book, invoice.invoiceId))
    .minus(paid(book, invoice.invoiceId));
  return left.lessThan(0) ? ZERO : left;
}

export const partyPayments = (book: Book, party: PartyRef): Payment[] =>
  [...book.payments.values()].filter(
    (p) => p.party !== null && p.party.kind === party.kind && p.party.partyId === party.partyId,
  );

export const partyInvoices = (book: Book, party: PartyRef): InvoiceFacts[] =>
  [...book.invoices.values()].filter(
    (i) => i.party.kind === party.kind && i.party.partyId === party.partyId,
  );

/** The party's money not applied to any invoice: unallocated payments less refunds. */
export function creditBalance(book: Book, party: PartyRef): Money {
  const held = sumMoney(partyPayments(book, party).map((p) => unallocated(book, p)));
  const refunded = sumMoney(
    [...book.refunds.values()]
      .filter((r) => r.party.kind === party.kind && r.party.partyId === party.partyId)
      .map((r) => money(r.amount)),
  );
  return held.minus(refunded);
}
