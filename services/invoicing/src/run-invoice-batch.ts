import { isDeepStrictEqual } from 'node:util';
import type { Period } from '@cadran/billing';
import { conflict } from '@cadran/domain';
import { billsInPeriod, contractWindow } from './billing-inputs.js';
import { batchIdOf, emptyBatch, evolveBatch, type BatchState } from './batch-state.js';
import { isWrongExpectedRevision, MAX_ATTEMPTS, type InvoicingContext } from './context.js';
import { checkPeriod } from './errors.js';
import {
  invoicingStreams,
  storedInvoicingEvent,
  toInvoicingEvent,
  type InvoiceDraftData,
  type InvoicingEvent,
} from './events.js';
import { priceInvoice } from './price-invoice.js';

export type BatchProgress = (done: number, total: number) => void;

export async function loadBatch(
  ctx: InvoicingContext,
  period: Period,
): Promise<{ state: BatchState; revision: bigint | 'no_stream' }> {
  const recorded = await ctx.store.readStream(invoicingStreams.batch(period));
  let state = emptyBatch();
  for (const event of recorded) {
    const known = toInvoicingEvent(event);
    if (known) state = evolveBatch(state, known);
  }
  return { state, revision: recorded.at(-1)?.streamRevision ?? 'no_stream' };
}

/** The draft fields that matter: re-pricing to the same figures is no change. */
const comparable = ({ pricedAt: _at, ...rest }: InvoiceDraftData) => rest;

/**
 * Drafts (or re-prices) an invoice for every contract billing in the period, skipping the ones
 * already issued. One append per run, and none when nothing changed: running it twice changes nothing.
 */
export async function runInvoiceBatch(
  ctx: InvoicingContext,
  periodInput: unknown,
  onProgress?: BatchProgress,
): Promise<{ batchId: string; position: bigint; drafted: number; voided: number }> {
  const period = checkPeriod(periodInput);
  const batchId = batchIdOf(period);
  const stream = invoicingStreams.batch(period);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [{ state, revision }, { state: issued }] = await Promise.all([
      loadBatch(ctx, period),
      ctx.issued.catchUp(),
    ]);
    const pricedAt = ctx.clock();
    const events: InvoicingEvent[] = [];
    if (state.batchId === undefined)
      events.push({ type: 'InvoiceBatchOpened', data: { batchId, period, openedAt: pricedAt } });

    const contracts = ctx.queries
      .contracts()
      .filter((contract) => billsInPeriod(contract, contractWindow(contract, period)))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const billing = new Set<string>();
    let done = 0;
    onProgress?.(0, contracts.length);
    for (const contract of contracts) {
      billing.add(contract.id);
      const invoiceId = state.invoiceIds.get(contract.id);
      if (invoiceId !== undefined && issued.byId.has(invoiceId)) {
        onProgress?.(++done, contracts.length);
        continue;
      }
      const priced = priceInvoice(ctx, contract, period, issued);
      const draft: InvoiceDraftData = {
        batchId,
        invoiceId: invoiceId ?? ctx.newId(),
        ...priced,
        pricedAt,
      };
      const previous = state.drafts.get(contract.id);
      if (!previous || !isDeepStrictEqual(comparable(previous), comparable(draft)))
        events.push({ type: 'InvoiceDrafted', data: draft });
      onProgress?.(++done, contracts.length);
    }
    let voided = 0;
    for (const [contractId, draft] of state.drafts) {
      if (billing.has(contractId) || issued.byId.has(draft.invoiceId)) continue;
      voided++;
      events.push({
        type: 'InvoiceDraftVoided',
        data: {
          batchId,
          invoiceId: draft.invoiceId,
          contractId,
          reason: `contract ${contractId} no longer bills in ${period}`,
          voidedAt: pricedAt,
        },
      });
    }
    const drafted = events.filter((event) => event.type === 'InvoiceDrafted').length;
    if (events.length === 0) return { batchId, position: -1n, drafted: 0, voided: 0 };
    try {
      const result = await ctx.store.appendToStream(stream, events.map(storedInvoicingEvent), {
        expectedRevision: revision,
      });
      await ctx.projection.reached(result.lastPosition);
      return { batchId, position: result.lastPosition, drafted, voided };
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
    }
  }
  throw conflict(
    `the batch of ${period} kept changing under ${MAX_ATTEMPTS} attempts; nothing was written, run it again`,
  );
}
