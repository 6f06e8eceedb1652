import { badInput, notFound, runCommand, type PartyDetails } from '@cadran/domain';
import { periodOfBatchId } from './batch-state.js';
import { appendTo, type InvoicingContext } from './context.js';
import { invoicingStreams } from './events.js';
import { requireMonthEnded } from './invoiceable-months.js';
import { recordDocuments } from './documents/record-documents.js';
import { decideIssue, partyKey } from './issue-decide.js';
import { requireCompleteOperator } from './operator.js';
import { loadBatch } from './run-invoice-batch.js';

export type IssueResult = {
  batchId: string;
  /** Numbers given by this call, in order; empty when everything was already issued. */
  issued: string[];
  alreadyIssued: number;
  message: string;
  /** Log position of the append; null when nothing was issued. */
  position: bigint | null;
};

/**
 * Numbers and freezes every draft of the batch in ONE append to `invoice-numbers` at the revision
 * read: a concurrent issuer makes it fail and this run starts over from what that one issued;
 * a crash before the commit leaves nothing, after it everything.
 */
export async function issueInvoices(ctx: InvoicingContext, batchId: unknown): Promise<IssueResult> {
  if (typeof batchId !== 'string')
    throw badInput('batchId', 'a batch id such as "batch-2026-03"', batchId);
  const period = periodOfBatchId(batchId);
  if (period === undefined)
    throw badInput('batchId', 'a batch id such as "batch-2026-03"', batchId);
  const { state: batch } = await loadBatch(ctx, period);
  if (batch.batchId !== batchId)
    throw notFound(
      `invoice batch ${batchId} does not exist; run the batch for ${period} first`,
      'batchId',
    );
  requireMonthEnded(batchId, period, ctx.clock(), ctx.operator.operator.timeZone);
  const drafts = [...batch.drafts.values()].sort((a, b) => (a.contractId < b.contractId ? -1 : 1));
  const operator = requireCompleteOperator(ctx.operator);
  const billToDetails = new Map<string, PartyDetails>();
  for (const { billTo } of drafts) {
    const details = ctx.queries.partyDetails(billTo.kind, billTo.partyId);
    if (details !== null) billToDetails.set(partyKey(billTo), details);
  }

  const { events, position } = await runCommand({
    subject: 'invoice numbering',
    load: () => ctx.issued.catchUp(),
    decide: decideIssue,
    command: () => ({ batchId, period, drafts, now: ctx.clock(), operator, billToDetails }),
    append: appendTo(ctx, invoicingStreams.invoiceNumbers),
  });
  const alreadyIssued = drafts.length - events.length;
  if (events.length === 0) {
    const message =
      drafts.length === 0
        ? `batch ${batchId} holds no draft: nothing to issue`
        : `batch ${batchId} is already issued (${alreadyIssued} invoices): nothing issued again`;
    return { batchId, issued: [], alreadyIssued, message, position: null };
  }
  await ctx.projection.reached(position);
  // Made once, from the issued events; a crash here leaves them to be made on first download.
  const documented = await recordDocuments(
    ctx,
    events.map((event) => ({ documentOf: 'INVOICE' as const, invoice: event.data })),
  );
  const numbers = events.map((event) => event.data.number);
  return {
    batchId,
    issued: numbers,
    alreadyIssued,
    message: `issued ${numbers.length} invoices of batch ${batchId}: ${numbers[0]} to ${numbers.at(-1)}`,
    position: documented ?? position,
  };
}
