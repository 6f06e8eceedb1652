import type { InvoiceLine, Period } from '@cadran/billing';
import type { ElectronicAddress, PartyDetails, PostalAddress } from '@cadran/domain';
import type { EventToAppend, JsonObject } from '@cadran/event-store';

/**
 * The invoicing service's events. Decimals are strings, instants RFC 3339 UTC.
 *
 * Streams:
 * - `invoice-batch-{YYYY-MM}`: one per period; the batch and every draft priced for it.
 * - `invoice-numbers`: every issued invoice, in number order. Appended with an expected revision,
 *   all invoices of one issue run in one append: the numbering is the stream, so a number is
 *   never skipped nor given twice, and a crash leaves nothing half issued.
 * - `credit-note-numbers`: every credit note, in number order, the same way.
 */
export const invoicingStreams = {
  batch: (period: Period) => `invoice-batch-${period}`,
  invoiceNumbers: 'invoice-numbers',
  creditNoteNumbers: 'credit-note-numbers',
  documents: 'invoice-documents',
} as const;

export const INVOICING_STREAM_PREFIXES = [
  'invoice-batch-',
  'invoice-numbers',
  'credit-note-numbers',
  'invoice-documents',
] as const;

export type BilledParty = {
  kind: 'TENANT' | 'PARTNER';
  partyId: string;
  name: string;
  countryCode: string;
  vatId: string | null;
  address: string | null;
};

/** The operator as printed on an issued invoice (frozen at issue). */
export type OperatorData = {
  name: string;
  address: string;
  siren: string;
  vatId: string;
  countryCode: 'FR';
  timeZone: string;
  latePaymentPenaltyRatePercent: string;
  recoveryIndemnity: string;
  /** E-invoicing details; absent on documents issued before they were configured. */
  postalAddress?: PostalAddress;
  electronicAddress?: ElectronicAddress;
  /** Opted for VAT on debits (option pour le paiement de la TVA d'après les débits). */
  vatOnDebits?: boolean;
  iban?: string;
  bic?: string | null;
};

/** What a draft says: priced lines (ADJUSTMENT lines included), totals and who is billed. */
export type InvoiceDraftData = {
  batchId: string;
  invoiceId: string;
  contractId: string;
  tenantId: string;
  period: Period;
  periodStart: string;
  periodEnd: string;
  billingTimeZone: string;
  paymentTermsDays: number;
  currency: 'EUR';
  billTo: BilledParty;
  lines: InvoiceLine[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  taxNote: string | null;
  /** The contract's issued invoices the ADJUSTMENT lines were computed against (sorted ids). */
  basis: string[];
  pricedAt: string;
};

export type InvoiceBatchOpened = {
  type: 'InvoiceBatchOpened';
  data: { batchId: string; period: Period; openedAt: string };
};
export type InvoiceDrafted = { type: 'InvoiceDrafted'; data: InvoiceDraftData };
/** A drafted contract no longer bills in the period (e.g. terminated before it began). */
export type InvoiceDraftVoided = {
  type: 'InvoiceDraftVoided';
  data: {
    batchId: string;
    invoiceId: string;
    contractId: string;
    reason: string;
    voidedAt: string;
  };
};
export type InvoiceIssued = {
  type: 'InvoiceIssued';
  data: {
    invoiceId: string;
    number: string;
    issuedAt: string;
    dueAt: string;
    operator: OperatorData;
    draft: InvoiceDraftData;
    /** The billed party's details for legal documents, as in force at issue (absent before them). */
    billToDetails?: PartyDetails;
  };
};
export type CreditNoteIssued = {
  type: 'CreditNoteIssued';
  data: {
    creditNoteId: string;
    number: string;
    invoiceId: string;
    invoiceNumber: string;
    invoiceIssuedAt: string;
    contractId: string;
    tenantId: string;
    reason: string;
    /** The net asked for; null: all that remained. */
    requestedAmount: string | null;
    subtotal: string;
    taxRatePercent: string;
    taxAmount: string;
    total: string;
    issuedAt: string;
    operator: OperatorData;
  };
};

/** The legal documents of an issued invoice or credit note, made once from its issued data. */
export type DocumentFile = {
  format: 'FACTURX' | 'CII';
  mediaType: 'application/pdf' | 'application/xml';
  fileName: string;
  sha256: string;
  size: number;
};
export type DocumentsRecorded = {
  type: 'DocumentsRecorded';
  data: {
    documentOf: 'INVOICE' | 'CREDIT_NOTE';
    id: string;
    number: string;
    files: DocumentFile[];
    recordedAt: string;
  };
};

export type InvoicingEvent =
  | InvoiceBatchOpened
  | InvoiceDrafted
  | InvoiceDraftVoided
  | InvoiceIssued
  | CreditNoteIssued
  | DocumentsRecorded;
export type InvoicingEventType = InvoicingEvent['type'];

export const INVOICING_EVENT_TYPES: readonly InvoicingEventType[] = [
  'InvoiceBatchOpened',
  'InvoiceDrafted',
  'InvoiceDraftVoided',
  'InvoiceIssued',
  'CreditNoteIssued',
  'DocumentsRecorded',
];

export function toInvoicingEvent(stored: {
  type: string;
  data: unknown;
}): InvoicingEvent | undefined {
  return (INVOICING_EVENT_TYPES as readonly string[]).includes(stored.type)
    ? (stored as InvoicingEvent)
    : undefined;
}

/** Stored shape (structurally an EventToAppend); schema version 1 for every invoicing event. */
export function storedInvoicingEvent(event: InvoicingEvent): EventToAppend {
  return {
    type: event.type,
    data: event.data as unknown as JsonObject,
    metadata: { schemaVersion: 1 },
  };
}
