import { isDeepStrictEqual } from 'node:util';
import type { Period } from '@cadran/billing';
import type { Decider } from '@cadran/domain';
import { emptyBatch, evolveBatch, type BatchState } from './batch-state.js';
import type { InvoiceDraftData, InvoicingEvent } from './events.js';
import type { IssuedState } from './issued-invoices.js';
import type { PricedInvoice } from './price-invoice.js';

/** A contract billing in the period and what it was priced at now. */
export type BillingContract = {
  contractId: string;
  /** The contract's invoice id in this period: the batch's, or a new one. */
  invoiceId: string;
  /** null: that invoice is already issued, nothing to price again. */
  priced: PricedInvoice | null;
};

/** Run the batch of a period: every contract that bills in it, priced by the caller. */
export type RunBatch = {
  batchId: string;
  period: Period;
  now: string;
  /** Every contract billing in the period, sorted by id. */
  billing: BillingContract[];
  /** The `invoice-numbers` stream folded: drafts already issued are never voided nor re-priced. */
  issued: IssuedState;
};

/** The draft fields that matter: re-pricing to the same figures is no change. */
const comparable = ({ pricedAt: _at, ...rest }: InvoiceDraftData) => rest;

/**
 * Opens the batch once, drafts every contract whose draft is new or priced differently, and voids
 * the drafts of contracts no longer billing; nothing when nothing changed.
 */
export function decideBatch(command: RunBatch, state: BatchState): InvoicingEvent[] {
  const { batchId, period, now } = command;
  const events: InvoicingEvent[] = [];
  if (state.batchId === undefined)
    events.push({ type: 'InvoiceBatchOpened', data: { batchId, period, openedAt: now } });
  for (const { invoiceId, priced } of command.billing) {
    if (priced === null) continue;
    const draft: InvoiceDraftData = { batchId, invoiceId, ...priced, pricedAt: now };
    const previous = state.drafts.get(priced.contractId);
    if (!previous || !isDeepStrictEqual(comparable(previous), comparable(draft)))
      events.push({ type: 'InvoiceDrafted', data: draft });
  }
  const billing = new Set(command.billing.map((contract) => contract.contractId));
  for (const [contractId, draft] of state.drafts) {
    if (billing.has(contractId) || command.issued.byId.has(draft.invoiceId)) continue;
    events.push({
      type: 'InvoiceDraftVoided',
      data: {
        batchId,
        invoiceId: draft.invoiceId,
        contractId,
        reason: `contract ${contractId} no longer bills in ${period}`,
        voidedAt: now,
      },
    });
  }
  return events;
}

/** `invoice-batch-{period}`. */
export const batchDecider: Decider<RunBatch, BatchState, InvoicingEvent> = {
  decide: decideBatch,
  evolve: evolveBatch,
  initialState: emptyBatch,
};
