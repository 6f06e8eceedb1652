import type { Period } from '@cadran/billing';
import type { InvoiceDraftData, InvoicingEvent } from './events.js';

/** A period's batch folded from `invoice-batch-{period}`. */
export type BatchState = {
  batchId: string | undefined;
  period: Period | undefined;
  openedAt: string | undefined;
  /** The invoice id each contract got in this period, kept even if its draft is voided. */
  invoiceIds: Map<string, string>;
  /** The latest draft per contract; voided drafts are removed. */
  drafts: Map<string, InvoiceDraftData>;
};

export const emptyBatch = (): BatchState => ({
  batchId: undefined,
  period: undefined,
  openedAt: undefined,
  invoiceIds: new Map(),
  drafts: new Map(),
});

export function evolveBatch(state: BatchState, event: InvoicingEvent): BatchState {
  switch (event.type) {
    case 'InvoiceBatchOpened':
      return {
        ...state,
        batchId: event.data.batchId,
        period: event.data.period,
        openedAt: event.data.openedAt,
      };
    case 'InvoiceDrafted':
      state.invoiceIds.set(event.data.contractId, event.data.invoiceId);
      state.drafts.set(event.data.contractId, event.data);
      return state;
    case 'InvoiceDraftVoided':
      state.drafts.delete(event.data.contractId);
      return state;
    default:
      return state;
  }
}

/** Batch ids name their period: one batch per period, run again and again until issued. */
export const batchIdOf = (period: Period) => `batch-${period}`;

const BATCH_ID = /^batch-(\d{4}-\d{2})$/;
export function periodOfBatchId(batchId: string): Period | undefined {
  return BATCH_ID.exec(batchId)?.[1];
}
