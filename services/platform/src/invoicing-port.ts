import type { Invoicing } from '@cadran/gateway';
import type { BatchProgress, IssueCreditNoteInput, InvoicingService } from '@cadran/invoicing';

/** -1n: the command wrote nothing (a re-run, an issued batch, the same credit note again). */
const positionOf = (position: bigint | null): bigint => position ?? -1n;

/** The invoicing service as the gateway's `Invoicing` port; `onBatchProgress` hears every batch run. */
export const createInvoicingPort = (
  service: InvoicingService,
  onBatchProgress?: BatchProgress,
): Invoicing => ({
  runInvoiceBatch: async ({ period }) => {
    const batch = await service.runInvoiceBatch(period, onBatchProgress);
    return { id: batch.id, position: positionOf(batch.position) };
  },
  issueInvoices: async ({ batchId }) => {
    const batch = await service.issueInvoices(batchId);
    return { id: batch.id, position: positionOf(batch.result.position) };
  },
  issueCreditNote: async (input) => {
    const note = await service.issueCreditNote(input as IssueCreditNoteInput);
    return { id: note.id, position: positionOf(note.position) };
  },
  lineRecords: ({ invoiceId, lineIndex, after, first }) =>
    service.invoiceLineRecords({ invoiceId, lineIndex, after, limit: first }),
  invoicePreview: (contractId, period) => service.invoicePreview(contractId, period),
  invoice: (id) => service.invoice(id),
  invoices: (filter) => service.invoices(filter),
  invoiceBatch: (id) => service.invoiceBatch(id),
  invoiceBatchProgress: (period) => service.invoiceBatchProgress(period),
  creditNote: (id) => service.creditNote(id),
  document: (number, format) => service.document(number, format),
});
