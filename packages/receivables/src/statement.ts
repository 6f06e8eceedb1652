import type { Book } from './book.js';
import { localDate } from './dates.js';
import { sameParty, type PartyRef } from './facts.js';
import { formatMoney, money, ZERO, type Money } from './money.js';

export type StatementEntryKind =
  'INVOICE' | 'CREDIT_NOTE' | 'PAYMENT' | 'PAYMENT_RETURNED' | 'REFUND';

export type StatementEntry = {
  date: string;
  kind: StatementEntryKind;
  reference: string;
  description: string;
  /** What the party owes more (invoices, returned payments, refunds). */
  debit: string;
  /** What the party owes less (credit notes, payments). */
  credit: string;
  balance: string;
};

export type PartyStatement = {
  party: PartyRef;
  from: string;
  to: string;
  openingBalance: string;
  entries: StatementEntry[];
  closingBalance: string;
};

type Movement = Omit<StatementEntry, 'balance' | 'debit' | 'credit'> & { amount: Money };

const ORDER: Record<StatementEntryKind, number> = {
  INVOICE: 0,
  CREDIT_NOTE: 1,
  PAYMENT: 2,
  PAYMENT_RETURNED: 3,
  REFUND: 4,
};

function movements(book: Book, party: PartyRef): Movement[] {
  const list: Movement[] = [];
  for (const invoice of book.invoices.values()) {
    if (!sameParty(invoice.party, party)) continue;
    list.push({
      date: localDate(invoice.issuedAt, invoice.timeZone),
      kind: 'INVOICE',
      reference: invoice.number,
      description: `invoice ${invoice.number}, due ${localDate(invoice.dueAt, invoice.timeZone)}`,
      amount: money(invoice.total),
    });
    for (const note of book.creditNotes.get(invoice.invoiceId) ?? []) {
      list.push({
        date: localDate(note.issuedAt, invoice.timeZone),
        kind: 'CREDIT_NOTE',
        reference: note.number,
        description: `credit note ${note.number} on ${invoice.number}`,
        amount: money(note.total).negated(),
      });
    }
  }
  for (const payment of book.payments.values()) {
    if (!sameParty(payment.party, party)) continue;
    const paidInvoices = [
      ...new Set(payment.allocationIds.map((id) => book.allocations.get(id)!.invoiceNumber)),
    ];
    list.push({
      date: payment.valueDate,
      kind: 'PAYMENT',
      reference: payment.bankReference ?? payment.paymentId,
      description: `payment ${payment.paymentId}${paidInvoices.length > 0 ? ` for ${paidInvoices.join(', ')}` : ''}`,
      amount: money(payment.amount).negated(),
    });
    if (payment.returned)
      list.push({
        date: payment.returned.returnDate,
        kind: 'PAYMENT_RETURNED',
        reference: payment.bankReference ?? payment.paymentId,
        description: `payment ${payment.paymentId} returned: ${payment.returned.reason}`,
        amount: money(payment.amount),
      });
  }
  for (const refund of book.refunds.values()) {
    if (!sameParty(refund.party, party)) continue;
    list.push({
      date: refund.valueDate,
      kind: 'REFUND',
      reference: refund.bankReference ?? refund.refundId,
      description: `refund ${refund.refundId}: ${refund.reason}`,
      amount: money(refund.amount),
    });
  }
  return list.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      ORDER[a.kind] - ORDER[b.kind] ||
      a.reference.localeCompare(b.reference),
  );
}

/**
 * A party's statement for local dates `from` to `to` (both included): the balance brought forward,
 * every invoice, credit note, payment, returned payment and refund in the range with the running
 * balance, and the balance carried. A positive balance is owed by the party; negative, its credit.
 */
export function partyStatement(
  book: Book,
  party: PartyRef,
  from: string,
  to: string,
): PartyStatement {
  let balance = ZERO;
  const entries: StatementEntry[] = [];
  for (const movement of movements(book, party)) {
    if (movement.date > to) break;
    balance = balance.plus(movement.amount);
    if (movement.date < from) continue;
    const { amount, ...rest } = movement;
    entries.push({
      ...rest,
      debit: formatMoney(amount.greaterThan(0) ? amount : ZERO),
      credit: formatMoney(amount.lessThan(0) ? amount.negated() : ZERO),
      balance: formatMoney(balance),
    });
  }
  const inRange = entries.reduce(
    (sum, entry) => sum.plus(money(entry.debit)).minus(money(entry.credit)),
    ZERO,
  );
  return {
    party,
    from,
    to,
    openingBalance: formatMoney(balance.minus(inRange)),
    entries,
    closingBalance: formatMoney(balance),
  };
}
