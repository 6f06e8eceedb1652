import { dueAt, invoiceNumber, type Period } from '@cadran/billing';
import { conflict, type Decider } from '@cadran/domain';
import type { InvoiceDraftData, InvoiceIssued, InvoicingEvent, OperatorData } from './events.js';
import { nextIssueInstant, nextSequence } from './issue-sequence.js';
import { emptyIssued, evolveIssued, issuedBasis, type IssuedState } from './issued-invoices.js';

/** Issue the drafts of a batch: number them and freeze them with the operator's details. */
export type IssueBatch = {
  batchId: string;
  period: Period;
  /** The batch's drafts, sorted by contract id: the order of their numbers. */
  drafts: InvoiceDraftData[];
  now: string;
  operator: OperatorData;
};

function staleDrafts(issued: IssuedState, drafts: InvoiceDraftData[]): string[] {
  return drafts
    .filter((draft) => issuedBasis(issued, draft.contractId).join() !== draft.basis.join())
    .map((draft) => `${draft.invoiceId} (contract ${draft.contractId})`);
}

/**
 * Numbers every draft not issued yet, in one decision: consecutive numbers, one issue instant
 * never before the last issued invoice. Refused when a draft was priced before another invoice
 * of its contract was issued (its ADJUSTMENT lines would be wrong); nothing when all are issued.
 */
export function decideIssue(command: IssueBatch, issued: IssuedState): InvoiceIssued[] {
  const { operator } = command;
  const pending = command.drafts.filter((draft) => !issued.byId.has(draft.invoiceId));
  if (pending.length === 0) return [];
  const stale = staleDrafts(issued, pending);
  if (stale.length > 0) {
    throw conflict(
      `drafts priced before another invoice of their contract was issued: ${stale.join(', ')}; run the batch for ${command.period} again, then issue`,
      'batchId',
    );
  }
  const issuedAt = nextIssueInstant(command.now, issued.last?.issuedAt);
  let sequence = nextSequence(issued.last?.number, issuedAt, operator.timeZone);
  return pending.map((draft) => ({
    type: 'InvoiceIssued',
    data: {
      invoiceId: draft.invoiceId,
      number: invoiceNumber(issuedAt, sequence++, operator.timeZone),
      issuedAt,
      dueAt: dueAt(issuedAt, draft.paymentTermsDays, operator.timeZone),
      operator,
      draft,
    },
  }));
}

/** `invoice-numbers`. */
export const issueDecider: Decider<IssueBatch, IssuedState, InvoicingEvent> = {
  decide: decideIssue,
  evolve: evolveIssued,
  initialState: emptyIssued,
};
