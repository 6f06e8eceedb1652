import type { PartyRef } from './facts.js';

/**
 * Receivables' events, all on the one stream `receivables` (see docs/receivables.md for why one).
 * Amounts are decimal strings in euros with two decimals; dates of money movements are bank dates
 * ("YYYY-MM-DD"), instants of recording RFC 3339 UTC. Nothing is ever edited: a bounced transfer
 * or an allocation taken back is a later event.
 */
export const RECEIVABLES_STREAM = 'receivables';

export type PaymentSource = 'MANUAL' | 'CAMT053' | 'CSV';

export type PaymentData = {
  /** Client-chosen, or derived from the bank's own reference: the idempotency key. */
  paymentId: string;
  amount: string;
  currency: 'EUR';
  /** The date the money is available (bank value date). */
  valueDate: string;
  payerName: string;
  payerAccount: string | null;
  bankReference: string | null;
  endToEndId: string | null;
  /** The remittance information as received (unstructured text and structured references). */
  remittance: string;
  source: PaymentSource;
  statementId: string | null;
};

export type PaymentReceived = {
  type: 'PaymentReceived';
  data: PaymentData & { party: PartyRef | null; receivedAt: string };
};
/** Finance says whose an unmatched payment is. */
export type PaymentAttributed = {
  type: 'PaymentAttributed';
  data: { paymentId: string; party: PartyRef; attributedAt: string };
};
export type AllocationRule = 'REMITTANCE' | 'OLDEST_DUE' | 'MANUAL';
export type PaymentAllocated = {
  type: 'PaymentAllocated';
  data: {
    allocationId: string;
    paymentId: string;
    invoiceId: string;
    invoiceNumber: string;
    party: PartyRef;
    amount: string;
    rule: AllocationRule;
    allocatedAt: string;
  };
};
export type AllocationReversed = {
  type: 'AllocationReversed';
  data: {
    allocationId: string;
    paymentId: string;
    invoiceId: string;
    amount: string;
    reason: string;
    /** The bank date from which the invoice is owed again. */
    effectiveDate: string;
    reversedAt: string;
  };
};
/** A transfer the bank took back (bounced, recalled): its allocations were reversed just before. */
export type PaymentReturned = {
  type: 'PaymentReturned';
  data: { paymentId: string; reason: string; returnDate: string; returnedAt: string };
};
/** Money paid back to a party out of its credit balance. */
export type CreditRefunded = {
  type: 'CreditRefunded';
  data: {
    refundId: string;
    party: PartyRef;
    amount: string;
    valueDate: string;
    bankReference: string | null;
    reason: string;
    refundedAt: string;
  };
};
export type BankStatementImported = {
  type: 'BankStatementImported';
  data: {
    statementId: string;
    format: 'CAMT053' | 'CSV';
    account: string | null;
    /** SHA-256 of the file as received. */
    digest: string;
    entries: number;
    newPayments: string[];
    alreadyKnown: string[];
    /** Entries not taken as payments (debits, pending, other currencies), with why. */
    skipped: { reference: string; reason: string }[];
    importedAt: string;
  };
};
export type ReminderStep = 'DUE_SOON' | 'OVERDUE_1' | 'OVERDUE_15' | 'OVERDUE_30';
export type PaymentReminderIssued = {
  type: 'PaymentReminderIssued';
  data: {
    reminderId: string;
    invoiceId: string;
    invoiceNumber: string;
    party: PartyRef;
    step: ReminderStep;
    /** The local date the step falls on (due date + offset). */
    stepDate: string;
    dueDate: string;
    remaining: string;
    issuedAt: string;
  };
};

/**
 * Late-payment charges claimed as their own numbered document (series `LPC-YYYY-NNNNNN`, gapless,
 * numbered on this stream): interest and the €40 indemnity, outside the scope of VAT. It is then
 * owed like an invoice (due on issue), without late charges of its own.
 */
export type LateChargesInvoiced = {
  type: 'LateChargesInvoiced';
  data: {
    documentId: string;
    number: string;
    invoiceId: string;
    invoiceNumber: string;
    party: PartyRef;
    partyName: string;
    tenantId: string;
    /** The local date the charges were computed to. */
    asOf: string;
    lines: { description: string; amount: string }[];
    interest: string;
    indemnity: string;
    taxAmount: '0.00';
    total: string;
    /** EN 16931 VAT category: O, outside the scope of VAT. */
    vatCategory: 'O';
    mention: string;
    timeZone: string;
    issuedAt: string;
  };
};

export type ReceivablesEvent =
  | PaymentReceived
  | PaymentAttributed
  | PaymentAllocated
  | AllocationReversed
  | PaymentReturned
  | CreditRefunded
  | BankStatementImported
  | PaymentReminderIssued
  | LateChargesInvoiced;

export const RECEIVABLES_EVENT_TYPES: readonly ReceivablesEvent['type'][] = [
  'PaymentReceived',
  'PaymentAttributed',
  'PaymentAllocated',
  'AllocationReversed',
  'PaymentReturned',
  'CreditRefunded',
  'BankStatementImported',
  'PaymentReminderIssued',
  'LateChargesInvoiced',
];

export function toReceivablesEvent(stored: {
  type: string;
  data: unknown;
}): ReceivablesEvent | undefined {
  return (RECEIVABLES_EVENT_TYPES as readonly string[]).includes(stored.type)
    ? ({ type: stored.type, data: stored.data } as ReceivablesEvent)
    : undefined;
}
