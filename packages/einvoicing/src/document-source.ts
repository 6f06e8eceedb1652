/**
 * What a legal document is made from: the data of an issued invoice or credit note as frozen at
 * issue (never re-priced), with the seller's and buyer's details as they were then.
 * Amounts are decimal strings with 2 decimals; instants are RFC 3339 UTC.
 */

import type { ElectronicAddress, PostalAddress } from '@cadran/domain';

export type { ElectronicAddress, PostalAddress };

export type DocumentSeller = {
  name: string;
  siren: string;
  vatId: string;
  address: PostalAddress;
  electronicAddress: ElectronicAddress;
  /** The operator opted to pay VAT on debits (option pour le paiement de la TVA d'après les débits). */
  vatOnDebits: boolean;
  iban: string;
  bic: string | null;
  latePaymentPenaltyRatePercent: string;
  recoveryIndemnity: string;
};

export type DocumentBuyer = {
  name: string;
  /** Required for a French buyer (BR-FR-11); null elsewhere. */
  siren: string | null;
  vatId: string | null;
  address: PostalAddress;
  electronicAddress: ElectronicAddress;
};

/** An invoice line as issued (billing's InvoiceLine, the fields a document shows). */
export type DocumentLine = {
  kind: string;
  description: string;
  segmentStart: string;
  segmentEnd: string;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
};

export type DocumentSource = {
  type: 'INVOICE' | 'CREDIT_NOTE';
  number: string;
  issuedAt: string;
  /** Null for a credit note. */
  dueAt: string | null;
  /** The operator's time zone: issue and due dates are read in it. */
  timeZone: string;
  /** The contract's billing time zone: service periods are read in it. */
  billingTimeZone: string;
  periodStart: string;
  periodEnd: string;
  contractId: string;
  currency: 'EUR';
  seller: DocumentSeller;
  buyer: DocumentBuyer;
  lines: DocumentLine[];
  subtotal: string;
  taxRatePercent: string;
  taxAmount: string;
  total: string;
  /** The VAT mention (reverse charge, outside the EU), null for French VAT. */
  taxMention: string | null;
  /** Credit notes: the invoice they correct (BT-25, BT-26) and why. */
  correctedInvoice: { number: string; issuedAt: string } | null;
  reason: string | null;
};
