import { DateTime } from 'luxon';
import type { InvoiceLine } from '@cadran/billing';
import type {
  BilledParty,
  DocumentFile,
  InvoiceDraftData,
  InvoiceIssued,
  OperatorData,
} from './events.js';
import type { CreditNote } from './issued-invoices.js';

/** Matches the GraphQL InvoiceLine (plus the kind an ADJUSTMENT corrects and the line's index). */
export type InvoiceLineView = InvoiceLine & { index: number };

/** The mandatory mentions of an issued invoice, as printed. */
export type MandatoryMentions = {
  seller: { name: string; address: string; siren: string; vatId: string };
  buyer: { name: string; address: string | null; countryCode: string; vatId: string | null };
  number: string;
  issueDate: string;
  servicePeriod: { period: string; from: string; to: string };
  dueDate: string;
  netByVatRate: { ratePercent: string; net: string; vat: string }[];
  vat: string;
  total: string;
  taxMention: string | null;
  latePaymentPenalty: string;
  recoveryIndemnity: string;
};

/** A legal document of an issued invoice or credit note, as GraphQL's `documents` lists it. */
export type DocumentView = DocumentFile & { downloadPath: string };

export type CreditNoteView = {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  issuedAt: string;
  reason: string;
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  documents: DocumentView[];
};

/** Matches the GraphQL Invoice; `contract` is for the gateway to resolve from `contractId`. */
export type InvoiceView = {
  id: string;
  number: string | null;
  status: 'DRAFT' | 'ISSUED';
  batchId: string;
  contractId: string;
  tenantId: string;
  billTo: BilledParty;
  period: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string | null;
  dueAt: string | null;
  currency: 'EUR';
  lines: InvoiceLineView[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  taxNote: string | null;
  /** Null while DRAFT. */
  operator: OperatorData | null;
  mentions: MandatoryMentions | null;
  creditNotes: CreditNoteView[];
  /** Empty while DRAFT, and until the documents are made. */
  documents: DocumentView[];
};

export type InvoiceBatchStatus = 'EMPTY' | 'DRAFT' | 'PARTIALLY_ISSUED' | 'ISSUED';

export type InvoiceBatchView = {
  id: string;
  period: string;
  status: InvoiceBatchStatus;
  invoices: InvoiceView[];
  subtotal: string;
  taxAmount: string;
  total: string;
};

const localDate = (instant: string, zone: string) =>
  DateTime.fromISO(instant, { zone }).toFormat('dd/MM/yyyy');

export function draftView(draft: InvoiceDraftData): InvoiceView {
  return {
    id: draft.invoiceId,
    number: null,
    status: 'DRAFT',
    batchId: draft.batchId,
    contractId: draft.contractId,
    tenantId: draft.tenantId,
    billTo: draft.billTo,
    period: draft.period,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    issuedAt: null,
    dueAt: null,
    currency: draft.currency,
    lines: draft.lines.map((line, index) => ({ ...line, index })),
    subtotal: draft.subtotal,
    taxRatePercent: draft.taxRatePercent,
    taxAmount: draft.taxAmount,
    total: draft.total,
    taxNote: draft.taxNote,
    operator: null,
    mentions: null,
    creditNotes: [],
    documents: [],
  };
}

export function issuedView(issued: InvoiceIssued['data']): InvoiceView {
  const { draft, operator } = issued;
  // The period's last day, as the customer reads it: the end instant is the next month's first midnight.
  const lastDay = DateTime.fromISO(draft.periodEnd, { zone: draft.billingTimeZone })
    .minus({ days: 1 })
    .toFormat('dd/MM/yyyy');
  return {
    ...draftView(draft),
    number: issued.number,
    status: 'ISSUED',
    issuedAt: issued.issuedAt,
    dueAt: issued.dueAt,
    operator,
    mentions: {
      seller: {
        name: operator.name,
        address: operator.address,
        siren: operator.siren,
        vatId: operator.vatId,
      },
      buyer: {
        name: draft.billTo.name,
        address: draft.billTo.address,
        countryCode: draft.billTo.countryCode,
        vatId: draft.billTo.vatId,
      },
      number: issued.number,
      issueDate: localDate(issued.issuedAt, operator.timeZone),
      servicePeriod: {
        period: draft.period,
        from: localDate(draft.periodStart, draft.billingTimeZone),
        to: lastDay,
      },
      dueDate: localDate(issued.dueAt, operator.timeZone),
      netByVatRate: [
        { ratePercent: draft.taxRatePercent, net: draft.subtotal, vat: draft.taxAmount },
      ],
      vat: draft.taxAmount,
      total: draft.total,
      taxMention: draft.taxNote,
      latePaymentPenalty: `Pénalités de retard : ${operator.latePaymentPenaltyRatePercent} % l'an, exigibles dès le lendemain de l'échéance (late-payment penalty rate ${operator.latePaymentPenaltyRatePercent} % a year)`,
      recoveryIndemnity: `Indemnité forfaitaire pour frais de recouvrement : ${operator.recoveryIndemnity} € (fixed recovery indemnity, art. D441-5 du Code de commerce)`,
    },
  };
}

export function creditNoteView(note: CreditNote): CreditNoteView {
  return {
    id: note.creditNoteId,
    number: note.number,
    invoiceId: note.invoiceId,
    invoiceNumber: note.invoiceNumber,
    issuedAt: note.issuedAt,
    reason: note.reason,
    subtotal: note.subtotal,
    taxRatePercent: note.taxRatePercent,
    taxAmount: note.taxAmount,
    total: note.total,
    documents: [],
  };
}
