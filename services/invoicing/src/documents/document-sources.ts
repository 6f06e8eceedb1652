import type { DocumentSeller, DocumentSource } from '@cadran/einvoicing';
import { notFound } from '@cadran/domain';
import type { OperatorData } from '../events.js';
import type { CreditNote, IssuedInvoice } from '../issued-invoices.js';

const noDocument = (number: string) =>
  notFound(
    `${number} was issued before the operator's and billed party's e-invoicing details were recorded: it has no document`,
    'number',
  );

function seller(operator: OperatorData, number: string): DocumentSeller {
  const { postalAddress, electronicAddress, iban } = operator;
  if (!postalAddress || !electronicAddress || !iban) throw noDocument(number);
  return {
    name: operator.name,
    siren: operator.siren,
    vatId: operator.vatId,
    address: postalAddress,
    electronicAddress,
    vatOnDebits: operator.vatOnDebits ?? false,
    iban,
    bic: operator.bic ?? null,
    latePaymentPenaltyRatePercent: operator.latePaymentPenaltyRatePercent,
    recoveryIndemnity: operator.recoveryIndemnity,
  };
}

/** What an issued invoice's documents are made from: its issued event, nothing else. */
export function invoiceSource(issued: IssuedInvoice): DocumentSource {
  const { draft, operator, billToDetails: details } = issued;
  if (!details?.electronicAddress) throw noDocument(issued.number);
  return {
    type: 'INVOICE',
    number: issued.number,
    issuedAt: issued.issuedAt,
    dueAt: issued.dueAt,
    timeZone: operator.timeZone,
    billingTimeZone: draft.billingTimeZone,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    contractId: draft.contractId,
    currency: draft.currency,
    seller: seller(operator, issued.number),
    buyer: {
      name: draft.billTo.name,
      siren: details.siren,
      vatId: draft.billTo.vatId,
      address: details.postalAddress,
      electronicAddress: details.electronicAddress,
    },
    lines: draft.lines,
    subtotal: draft.subtotal,
    taxRatePercent: draft.taxRatePercent,
    taxAmount: draft.taxAmount,
    total: draft.total,
    taxMention: draft.taxNote,
    correctedInvoice: null,
    reason: null,
  };
}

/**
 * A credit note's documents: one line crediting the net, VAT at the invoice's rate, the buyer as
 * on the invoice it corrects (type 381, referencing that invoice's number and date).
 */
export function creditNoteSource(note: CreditNote, invoice: IssuedInvoice): DocumentSource {
  const base = invoiceSource(invoice);
  return {
    ...base,
    type: 'CREDIT_NOTE',
    number: note.number,
    issuedAt: note.issuedAt,
    dueAt: null,
    timeZone: note.operator.timeZone,
    seller: seller(note.operator, note.number),
    lines: [
      {
        kind: 'CREDIT',
        description: `Avoir sur la facture ${invoice.number} (credit on invoice ${invoice.number}) : ${note.reason}`,
        segmentStart: invoice.draft.periodStart,
        segmentEnd: invoice.draft.periodEnd,
        quantity: '1',
        unit: 'credit',
        unitPrice: null,
        amount: note.subtotal,
      },
    ],
    subtotal: note.subtotal,
    taxRatePercent: note.taxRatePercent,
    taxAmount: note.taxAmount,
    total: note.total,
    correctedInvoice: { number: invoice.number, issuedAt: invoice.issuedAt },
    reason: note.reason,
  };
}
