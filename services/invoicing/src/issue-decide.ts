import { dueAt, invoiceNumber, type Period } from '@cadran/billing';
import { conflict, DomainError, type Decider, type PartyDetails } from '@cadran/domain';
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
  /** The billed parties' details in force, by `${kind}:${partyId}` (undefined: never given). */
  billToDetails: ReadonlyMap<string, PartyDetails>;
};

export const partyKey = (party: { kind: string; partyId: string }) =>
  `${party.kind}:${party.partyId}`;

/**
 * The details a legal document needs from the billed party: its postal address in parts, and a
 * SIREN for a French party (BR-FR-11). Undefined when they are there, else what is missing.
 */
function missingDetails(draft: InvoiceDraftData, details: PartyDetails | undefined) {
  const { billTo } = draft;
  const who = `${billTo.kind.toLowerCase()} ${billTo.partyId} (${billTo.name})`;
  if (details === undefined) return `${who}: no postal address on file`;
  if (['FR', 'MC'].includes(billTo.countryCode) && details.siren === null)
    return `${who}: no SIREN (required to bill a French party)`;
  if (details.electronicAddress === null) return `${who}: no e-invoicing address`;
  return undefined;
}

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
  const incomplete = pending
    .map((draft) => missingDetails(draft, command.billToDetails.get(partyKey(draft.billTo))))
    .filter((reason) => reason !== undefined);
  if (incomplete.length > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `billed parties lack the details an invoice must carry: ${[...new Set(incomplete)].join('; ')}; give them with updatePartyDetails, then issue (nothing was issued)`,
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
      billToDetails: command.billToDetails.get(partyKey(draft.billTo))!,
    },
  }));
}

/** `invoice-numbers`. */
export const issueDecider: Decider<IssueBatch, IssuedState, InvoicingEvent> = {
  decide: decideIssue,
  evolve: evolveIssued,
  initialState: emptyIssued,
};
