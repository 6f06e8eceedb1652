import { creditNoteAmounts, creditNoteNumber } from '@cadran/billing';
import { conflict, DomainError, notFound, type Decider } from '@cadran/domain';
import { asDomainError } from './errors.js';
import type { CreditNoteIssued, InvoicingEvent, OperatorData } from './events.js';
import { nextIssueInstant, nextSequence } from './issue-sequence.js';
import {
  emptyCredits,
  evolveCredits,
  type CreditState,
  type IssuedInvoice,
} from './issued-invoices.js';

/** A credit note request, checked for shape (issue-credit-note.ts parses it). */
export type CreditNoteRequest = {
  /** The caller's id for the note, which makes sending the request again safe. */
  id: string | undefined;
  invoiceId: string;
  reason: string;
  /** Net amount; null: all that remains of the invoice. */
  amount: string | null;
};

export type IssueCreditNote = {
  request: CreditNoteRequest;
  /** The invoice named by the request, from the `invoice-numbers` stream; undefined: none issued. */
  invoice: IssuedInvoice | undefined;
  /** The note's id when the request names none. */
  newId: string;
  now: string;
  operator: OperatorData;
};

/**
 * One credit note, never more than what remains of the invoice after the earlier notes; the same
 * id with the same request again: nothing (it is already issued); with other details: refused.
 */
export function decideCreditNote(
  command: IssueCreditNote,
  credits: CreditState,
): CreditNoteIssued[] {
  const { request, invoice, operator } = command;
  if (request.id !== undefined) {
    const existing = credits.byId.get(request.id);
    if (existing) {
      const same =
        invoice?.invoiceId === existing.invoiceId &&
        existing.reason === request.reason &&
        existing.requestedAmount === request.amount;
      if (same) return [];
      throw conflict(
        `credit note ${request.id} already exists with other details; choose another id or send the same details again`,
        'id',
      );
    }
  }
  if (!invoice)
    throw notFound(
      `no issued invoice ${request.invoiceId}; a draft cannot be credited, only an issued invoice`,
      'invoiceId',
    );
  let amounts;
  try {
    amounts = creditNoteAmounts({
      invoice: invoice.draft,
      earlierCreditNotes: credits.byInvoice.get(invoice.invoiceId) ?? [],
      amount: request.amount,
    });
  } catch (error) {
    const refused = asDomainError(error);
    throw refused instanceof DomainError
      ? new DomainError(
          'BAD_USER_INPUT',
          `${refused.message} (invoice ${invoice.number})`,
          'amount',
        )
      : refused;
  }
  const issuedAt = nextIssueInstant(
    nextIssueInstant(command.now, credits.last?.issuedAt),
    invoice.issuedAt,
  );
  return [
    {
      type: 'CreditNoteIssued',
      data: {
        creditNoteId: request.id ?? command.newId,
        number: creditNoteNumber(
          issuedAt,
          nextSequence(credits.last?.number, issuedAt, operator.timeZone),
          operator.timeZone,
        ),
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        invoiceIssuedAt: invoice.issuedAt,
        contractId: invoice.draft.contractId,
        tenantId: invoice.draft.tenantId,
        reason: request.reason,
        requestedAmount: request.amount,
        ...amounts,
        taxRatePercent: invoice.draft.taxRatePercent,
        issuedAt,
        operator,
      },
    },
  ];
}

/** `credit-note-numbers`. */
export const creditNoteDecider: Decider<IssueCreditNote, CreditState, InvoicingEvent> = {
  decide: decideCreditNote,
  evolve: evolveCredits,
  initialState: emptyCredits,
};
