export type * from './types.js';
export { BillingInputError } from './errors.js';
export { billingPeriod, periodContaining, DEFAULT_TIME_ZONE } from './period.js';
export { segmentsOf } from './segments.js';
export { DEFAULT_SLA_SCHEDULE } from './rate-card.js';
export { priceContractPeriod } from './price-contract-period.js';
export {
  adjustmentLines,
  PRICED_KINDS,
  type BilledLine,
  type PeriodCorrection,
} from './adjustments.js';
export {
  taxFor,
  REVERSE_CHARGE_MENTION,
  OUTSIDE_EU_MENTION,
  type TaxRegime,
  type TaxTreatment,
} from './tax.js';
export { invoiceTotals, type InvoiceTotals } from './totals.js';
export {
  creditNoteAmounts,
  type CreditNoteAmounts,
  type CreditNoteRequest,
} from './credit-note.js';
export {
  dueAt,
  documentNumber,
  documentYear,
  invoiceNumber,
  creditNoteNumber,
  parseDocumentNumber,
  type DocumentKind,
} from './documents.js';
export { recordDigest } from './record-digest.js';
