/**
 * What receivables reads of invoicing's events (`invoice-numbers`, `credit-note-numbers`): the
 * facts an amount owed and its settlement depend on. Services meet through events, so these are
 * read from the stored events' data, not from invoicing's code.
 */
export type PartyKind = 'TENANT' | 'PARTNER';
export type PartyRef = { kind: PartyKind; partyId: string };

export const partyKey = (party: PartyRef): string => `${party.kind}:${party.partyId}`;
export const sameParty = (a: PartyRef | null, b: PartyRef | null): boolean =>
  a !== null && b !== null && a.kind === b.kind && a.partyId === b.partyId;

export type InvoiceFacts = {
  invoiceId: string;
  number: string;
  party: PartyRef;
  partyName: string;
  tenantId: string;
  issuedAt: string;
  dueAt: string;
  /** Total with VAT, what the party owes. */
  total: string;
  /** The annual late-payment rate printed on the invoice, in percent ("12.15"). */
  latePaymentRatePercent: string;
  /** The operator's time zone frozen on the invoice: dates of due, overdue and ageing. */
  timeZone: string;
  /** LATE_CHARGES: a late-payment charges document (no late charges of its own); absent: an invoice. */
  kind?: 'LATE_CHARGES';
};

export type CreditNoteFacts = {
  creditNoteId: string;
  number: string;
  invoiceId: string;
  total: string;
  issuedAt: string;
};

/** The invoicing events receivables folds, as stored (type and data). */
export type InvoiceIssuedFact = { type: 'InvoiceIssued'; data: InvoiceFacts };
export type CreditNoteIssuedFact = { type: 'CreditNoteIssued'; data: CreditNoteFacts };
export type InvoicingFact = InvoiceIssuedFact | CreditNoteIssuedFact;

type StoredInvoiceIssued = {
  invoiceId: string;
  number: string;
  issuedAt: string;
  dueAt: string;
  operator: { timeZone: string; latePaymentPenaltyRatePercent: string };
  draft: {
    tenantId: string;
    total: string;
    billTo: { kind: PartyKind; partyId: string; name: string };
  };
};

/** What an issued invoice owes, as its stored event says it. */
const invoiceFacts = (data: StoredInvoiceIssued): InvoiceFacts => ({
  invoiceId: data.invoiceId,
  number: data.number,
  party: { kind: data.draft.billTo.kind, partyId: data.draft.billTo.partyId },
  partyName: data.draft.billTo.name,
  tenantId: data.draft.tenantId,
  issuedAt: data.issuedAt,
  dueAt: data.dueAt,
  total: data.draft.total,
  latePaymentRatePercent: data.operator.latePaymentPenaltyRatePercent,
  timeZone: data.operator.timeZone,
});

/** The fields of a stored credit note that receivables reads, and no others. */
const creditNoteFacts = (data: CreditNoteFacts): CreditNoteFacts => {
  const { creditNoteId, number, invoiceId, total, issuedAt } = data;
  return { creditNoteId, number, invoiceId, total, issuedAt };
};

/** Reads invoicing's stored `InvoiceIssued` / `CreditNoteIssued`; undefined for anything else. */
export function toInvoicingFact(stored: {
  type: string;
  data: unknown;
}): InvoicingFact | undefined {
  switch (stored.type) {
    case 'InvoiceIssued':
      return { type: 'InvoiceIssued', data: invoiceFacts(stored.data as StoredInvoiceIssued) };
    case 'CreditNoteIssued':
      return { type: 'CreditNoteIssued', data: creditNoteFacts(stored.data as CreditNoteFacts) };
    default:
      return undefined;
  }
}
