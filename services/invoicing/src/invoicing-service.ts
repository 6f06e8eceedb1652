import { periodContaining, priceContractPeriod } from '@cadran/billing';
import { clip, notFound } from '@cadran/domain';
import { billedParty, pricingInput } from './billing-inputs.js';
import { createLedgers, type InvoicingContext, type InvoicingServiceDeps } from './context.js';
import { checkPeriod, domainErrors } from './errors.js';
import {
  creditNoteView,
  draftView,
  type CreditNoteView,
  type InvoiceBatchView,
  type InvoiceView,
} from './invoice-views.js';
import { startInvoicesProjection } from './invoices-projection.js';
import { createDocumentFiles, type DocumentFormat } from './documents/document-files.js';
import { documentFile } from './documents/record-documents.js';
import { createInvoicesQueries, type InvoicesFilter } from './invoices-queries.js';
import { issueCreditNote, type IssueCreditNoteInput } from './issue-credit-note.js';
import { issueInvoices, type IssueResult } from './issue-invoices.js';
import { priceInvoice } from './price-invoice.js';
import { createDigestCache } from './record-provenance.js';
import { runInvoiceBatch } from './run-invoice-batch.js';
import { createBatchProgress, type BatchProgress } from './batch-progress.js';

export type InvoicingService = ReturnType<typeof createInvoicingService>;

/**
 * Invoicing: commands recorded as events, queries on its own read model. Every command returns
 * once the read model shows its effect. Call close() to stop the projection.
 */
export function createInvoicingService(deps: InvoicingServiceDeps) {
  const projection = startInvoicesProjection(deps.store, deps.readDb);
  const ctx: InvoicingContext = {
    ...deps,
    ...createLedgers(deps.store),
    digests: createDigestCache(deps.readDb, deps.queries),
    projection,
    documents: {
      files: createDocumentFiles(deps.readDb),
      recorded: (number) => read.documentFiles(number),
    },
  };
  const read = createInvoicesQueries(deps.readDb, deps.queries);
  const progress = createBatchProgress(deps.clock);

  const preview = async (contractId: string, period: string): Promise<InvoiceView> => {
    const checked = checkPeriod(period);
    const contract = deps.queries.contract(contractId);
    if (!contract) throw notFound(`no contract ${clip(contractId)}`, 'contractId');
    const { state: issued } = await ctx.issued.catchUp();
    const priced = priceInvoice(ctx, contract, checked, issued);
    return draftView({
      ...priced,
      batchId: '',
      invoiceId: `preview-${contractId}-${checked}`,
      pricedAt: deps.clock(),
    });
  };

  const batchView = (batchId: string): InvoiceBatchView => {
    const view = read.invoiceBatch(batchId);
    if (!view) throw notFound(`invoice batch ${clip(batchId)} does not exist`, 'batchId');
    return view;
  };

  return {
    /**
     * Drafts every contract billing in the period; safe to run again. `position`: null when nothing
     * changed. Its progress is kept for invoiceBatchProgress and told to `onProgress`.
     */
    runInvoiceBatch: (
      period: string,
      onProgress?: BatchProgress,
    ): Promise<InvoiceBatchView & { position: bigint | null }> =>
      domainErrors(async () => {
        const checked = checkPeriod(period);
        const tracked = progress.start(checked);
        try {
          const run = await runInvoiceBatch(ctx, checked, async (done, total) => {
            tracked.report(done, total);
            await onProgress?.(done, total);
          });
          return { ...batchView(run.batchId), position: run.position >= 0n ? run.position : null };
        } finally {
          tracked.finish();
        }
      }),
    /** How far the period's last batch run in this process has come; null when none ran here. */
    invoiceBatchProgress: (period: string) =>
      domainErrors(async () => progress.get(checkPeriod(period))),
    /** Issues every draft of the batch; again: a no-op whose `result.message` says so. */
    issueInvoices: (batchId: string): Promise<InvoiceBatchView & { result: IssueResult }> =>
      domainErrors(async () => {
        const result = await issueInvoices(ctx, batchId);
        return { ...batchView(batchId), result };
      }),
    /** `position`: null when the same request had already issued this note. */
    issueCreditNote: (
      input: IssueCreditNoteInput,
    ): Promise<CreditNoteView & { position: bigint | null }> =>
      domainErrors(async () => {
        const { note, position } = await issueCreditNote(ctx, input);
        return { ...creditNoteView(note), position };
      }),
    /** Prices the contract's period with what is known now; saves nothing. */
    invoicePreview: (contractId: string, period: string): Promise<InvoiceView> =>
      domainErrors(() => preview(contractId, period)),
    /**
     * The period holding `at` (in the contract's billing time zone) priced as invoicePreview prices
     * it, with each reserved model's availability over the period as known now.
     */
    monthToDate: (contractId: string, at: string) =>
      domainErrors(async () => {
        const contract = deps.queries.contract(contractId);
        if (!contract) throw notFound(`no contract ${clip(contractId)}`, 'contractId');
        const period = periodContaining(at, contract.billingTimeZone);
        const invoice = await preview(contractId, period);
        const priced = priceContractPeriod(
          pricingInput(ctx, contract, billedParty(deps.queries, contract), period),
        );
        return { period, asOf: at, invoice, availability: priced.availability };
      }),
    /** A document of an issued invoice or credit note by its number; null when there is none. */
    document: (number: string, format: DocumentFormat) =>
      domainErrors(() => documentFile(ctx, number, format)),
    invoice: (idOrNumber: string) => read.invoice(idOrNumber),
    invoices: (filter?: InvoicesFilter) => read.invoices(filter),
    invoiceBatch: (id: string) => read.invoiceBatch(id),
    creditNotes: (invoiceId: string) => read.creditNotes(invoiceId),
    creditNote: (idOrNumber: string) => read.creditNote(idOrNumber),
    invoiceLineRecords: read.invoiceLineRecords,
    /** True once the invoices read model has applied `position`; false after `timeoutMs`. */
    awaitPosition: (position: bigint, timeoutMs: number) =>
      projection.awaitPosition(position, timeoutMs),
    /** State of the invoices read model's subscription (for health checks). */
    readModelState: () => projection.state,
    close: () => projection.stop(),
  };
}
