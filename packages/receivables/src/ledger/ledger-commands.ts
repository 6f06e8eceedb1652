import type { BankStatementImported, CreditRefunded, PaymentData } from '../events.js';
import type { PartyRef } from '../facts.js';

/** Commands on the `receivables` stream; `at` is the instant of recording (RFC 3339 UTC). */
export type RecordPayment = {
  type: 'RecordPayment';
  data: PaymentData & { party: PartyRef | null };
  at: string;
};
export type ImportStatement = {
  type: 'ImportStatement';
  data: Pick<
    BankStatementImported['data'],
    'statementId' | 'format' | 'account' | 'digest' | 'entries' | 'skipped'
  > & { payments: PaymentData[] };
  at: string;
};
/** By hand: whose the payment is, and to which invoices (or oldest due first when none named). */
export type AllocatePayment = {
  type: 'AllocatePayment';
  data: {
    paymentId: string;
    party: PartyRef | null;
    invoices: { invoice: string; amount: string | null }[];
  };
  at: string;
};
export type ReverseAllocation = {
  type: 'ReverseAllocation';
  data: { allocationId: string; reason: string; effectiveDate: string };
  at: string;
};
export type ReturnPayment = {
  type: 'ReturnPayment';
  data: { paymentId: string; reason: string; returnDate: string };
  at: string;
};
export type RefundCredit = {
  type: 'RefundCredit';
  data: Omit<CreditRefunded['data'], 'refundedAt'>;
  at: string;
};
export type IssueReminders = { type: 'IssueReminders'; at: string };
/** Claims an invoice's late-payment charges as of a local date, as a numbered document. */
export type IssueLateCharges = {
  type: 'IssueLateCharges';
  data: { invoice: string; asOf: string; documentId: string };
  at: string;
};

export type LedgerCommand =
  | RecordPayment
  | ImportStatement
  | AllocatePayment
  | ReverseAllocation
  | ReturnPayment
  | RefundCredit
  | IssueReminders
  | IssueLateCharges;
