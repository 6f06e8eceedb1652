import type { Period } from '@cadran/billing';
import { loadStream, runCommand, type Loaded } from '@cadran/domain';
import { decideBatch, batchDecider, type BillingContract } from './batch-decide.js';
import { billsInPeriod, contractWindow } from './billing-inputs.js';
import { batchIdOf, type BatchState } from './batch-state.js';
import { appendTo, type InvoicingContext } from './context.js';
import { checkPeriod } from './errors.js';
import { invoicingStreams, toInvoicingEvent } from './events.js';
import { requireMonthStarted } from './invoiceable-months.js';
import { priceInvoice } from './price-invoice.js';
import type { BatchProgress } from './batch-progress.js';

/** The longest the pricing loop holds the event loop: then requests (a progress poll) are answered. */
const TURN_MS = 50;

/** Resolves at once, or on the event loop's next turn when `TURN_MS` passed since the last. */
const turns = () => {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < TURN_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
};

export function loadBatch(ctx: InvoicingContext, period: Period): Promise<Loaded<BatchState>> {
  return loadStream(ctx.store, invoicingStreams.batch(period), batchDecider, toInvoicingEvent);
}

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
  requireMonthStarted(period, ctx.clock(), ctx.operator.operator.timeZone);
  const batchId = batchIdOf(period);
  const { events, position } = await runCommand({
    subject: `the batch of ${period}`,
    load: () => loadBatch(ctx, period),
    decide: decideBatch,
    command: async (batch) => {
      const now = ctx.clock();
      const { state: issued } = await ctx.issued.catchUp();
      const contracts = ctx.queries
        .contracts()
        .filter((contract) =>
          billsInPeriod(ctx.queries, contract, contractWindow(contract, period)),
        )
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const billing: BillingContract[] = [];
      const nextTurn = turns();
      await onProgress?.(0, contracts.length);
      for (const contract of contracts) {
        const invoiceId = batch.invoiceIds.get(contract.id);
        const isIssued = invoiceId !== undefined && issued.byId.has(invoiceId);
        const priced = isIssued ? null : priceInvoice(ctx, contract, period, issued);
        billing.push({ contractId: contract.id, invoiceId: invoiceId ?? ctx.newId(), priced });
        await onProgress?.(billing.length, contracts.length);
        await nextTurn();
      }
      return { batchId, period, now, billing, issued };
    },
    append: appendTo(ctx, invoicingStreams.batch(period)),
  });
  if (events.length === 0) return { batchId, position: -1n, drafted: 0, voided: 0 };
  await ctx.projection.reached(position);
  const count = (type: string) => events.filter((event) => event.type === type).length;
  return {
    batchId,
    position,
    drafted: count('InvoiceDrafted'),
    voided: count('InvoiceDraftVoided'),
  };
}
