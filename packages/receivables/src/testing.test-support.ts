import type { InvoiceIssuedFact, CreditNoteIssuedFact, PartyRef } from './facts.js';

export const mistral: PartyRef = { kind: 'TENANT', partyId: 'mistral' };
export const fluidstack: PartyRef = { kind: 'PARTNER', partyId: 'fluidstack' };

/** An issued invoice as receivables reads it: Paris time, 12.15 % late-payment rate. */
export const issued = (
  number: string,
  total: string,
  dueAt: string,
  party: PartyRef = mistral,
  issuedAt = '2026-04-01T08:00:00Z',
): InvoiceIssuedFact => ({
  type: 'InvoiceIssued',
  data: {
    invoiceId: `id-${number}`,
    number,
    party,
    partyName: party.partyId === 'mistral' ? 'Mistral AI' : 'Fluidstack',
    tenantId: party.kind === 'TENANT' ? party.partyId : 'kyutai',
    issuedAt,
    dueAt,
    total,
    latePaymentRatePercent: '12.15',
    timeZone: 'Europe/Paris',
  },
});

export const creditNote = (
  number: string,
  invoiceNumber: string,
  total: string,
  issuedAt = '2026-04-10T08:00:00Z',
): CreditNoteIssuedFact => ({
  type: 'CreditNoteIssued',
  data: { creditNoteId: `id-${number}`, number, invoiceId: `id-${invoiceNumber}`, total, issuedAt },
});

export const payment = (
  paymentId: string,
  amount: string,
  remittance: string,
  valueDate = '2026-05-02',
) => ({
  paymentId,
  amount,
  currency: 'EUR' as const,
  valueDate,
  payerName: 'MISTRAL AI',
  payerAccount: null,
  bankReference: `ref-${paymentId}`,
  endToEndId: null,
  remittance,
  source: 'MANUAL' as const,
  statementId: null,
});

export const AT = '2026-05-03T09:00:00Z';
