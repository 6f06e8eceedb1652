import { dueAt, documentYear, invoiceNumber, parseDocumentNumber } from '@cadran/billing';
import { badInput, conflict, notFound } from '@cadran/domain';
import { periodOfBatchId } from './batch-state.js';
import { isWrongExpectedRevision, MAX_ATTEMPTS, type InvoicingContext } from './context.js';
import { invoicingStreams, storedInvoicingEvent, type InvoiceIssued } from './events.js';
import { issuedBasis, type IssuedState } from './issued-invoices.js';
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

/** Never before the last issued document: numbers and issue dates go up together. */
export function nextIssueInstant(now: string, last: string | undefined): string {
  return last !== undefined && Date.parse(last) > Date.parse(now) ? last : now;
}

/** The sequence that follows the last document, restarting at 1 with the year of issue. */
export function nextSequence(
  lastNumber: string | undefined,
  issuedAt: string,
  timeZone: string,
): number {
  if (lastNumber === undefined) return 1;
  const last = parseDocumentNumber(lastNumber);
  return last.year === documentYear(issuedAt, timeZone) ? last.sequence + 1 : 1;
}

function staleDrafts(issued: IssuedState, drafts: InvoiceIssued['data']['draft'][]): string[] {
  return drafts
    .filter((draft) => issuedBasis(issued, draft.contractId).join() !== draft.basis.join())
    .map((draft) => `${draft.invoiceId} (contract ${draft.contractId})`);
}

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

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { state: issued, revision } = await ctx.issued.catchUp();
    const drafts = [...batch.drafts.values()].sort((a, b) =>
      a.contractId < b.contractId ? -1 : 1,
    );
    const pending = drafts.filter((draft) => !issued.byId.has(draft.invoiceId));
    const alreadyIssued = drafts.length - pending.length;
    if (pending.length === 0) {
      const message =
        drafts.length === 0
          ? `batch ${batchId} holds no draft: nothing to issue`
          : `batch ${batchId} is already issued (${alreadyIssued} invoices): nothing issued again`;
      return { batchId, issued: [], alreadyIssued, message, position: null };
    }
    const stale = staleDrafts(issued, pending);
    if (stale.length > 0) {
      throw conflict(
        `drafts priced before another invoice of their contract was issued: ${stale.join(', ')}; run the batch for ${period} again, then issue`,
        'batchId',
      );
    }
    const issuedAt = nextIssueInstant(ctx.clock(), issued.last?.issuedAt);
    let sequence = nextSequence(issued.last?.number, issuedAt, ctx.operator.timeZone);
    const events: InvoiceIssued[] = pending.map((draft) => ({
      type: 'InvoiceIssued',
      data: {
        invoiceId: draft.invoiceId,
        number: invoiceNumber(issuedAt, sequence++, ctx.operator.timeZone),
        issuedAt,
        dueAt: dueAt(issuedAt, draft.paymentTermsDays, ctx.operator.timeZone),
        operator: ctx.operator,
        draft,
      },
    }));
    try {
      const result = await ctx.store.appendToStream(
        invoicingStreams.invoiceNumbers,
        events.map(storedInvoicingEvent),
        {
          expectedRevision: revision,
        },
      );
      await ctx.projection.reached(result.lastPosition);
      const numbers = events.map((event) => event.data.number);
      return {
        batchId,
        issued: numbers,
        alreadyIssued,
        message: `issued ${numbers.length} invoices of batch ${batchId}: ${numbers[0]} to ${numbers.at(-1)}`,
        position: result.lastPosition,
      };
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
    }
  }
  throw conflict(
    `invoice numbering kept changing under ${MAX_ATTEMPTS} attempts; nothing was issued, try again`,
  );
}
