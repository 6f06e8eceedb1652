export { createInvoicingService, type InvoicingService } from './invoicing-service.js';
export type { InvoicingServiceDeps } from './context.js';
export type { BatchProgress, BatchProgressView } from './batch-progress.js';
export {
  operatorFromEnv,
  requireCompleteOperator,
  DEMO_OPERATOR_ENV,
  OPERATOR_ENV,
  RECOVERY_INDEMNITY,
  type OperatorSettings,
} from './operator.js';
export * from './events.js';
export type {
  InvoiceView,
  InvoiceLineView,
  InvoiceBatchView,
  InvoiceBatchStatus,
  CreditNoteView,
  MandatoryMentions,
} from './invoice-views.js';
export { downloadPath, type InvoicesFilter } from './invoices-queries.js';
export type { IssueResult } from './issue-invoices.js';
export type { IssueCreditNoteInput } from './issue-credit-note.js';
export type { RecordPage } from './record-provenance.js';
export {
  createInvoicesCommand,
  type InvoicesCommandDeps,
  type OpenedInvoicing,
} from './cli/invoices-command.js';
