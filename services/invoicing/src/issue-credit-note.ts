import { creditNoteAmounts, creditNoteNumber } from '@cadran/billing';
import { badInput, conflict, DomainError, isId, ID_ACCEPTED, notFound } from '@cadran/domain';
import { isWrongExpectedRevision, MAX_ATTEMPTS, type InvoicingContext } from './context.js';
import { asDomainError } from './errors.js';
import { invoicingStreams, storedInvoicingEvent, type CreditNoteIssued } from './events.js';
import { nextIssueInstant, nextSequence } from './issue-invoices.js';
import type { CreditNote, IssuedState } from './issued-invoices.js';

export type IssueCreditNoteInput = {
  id?: string | null;
  invoiceId: string;
  reason: string;
  amount?: string | null;
};

const MAX_REASON = 500;

function parseInput(input: IssueCreditNoteInput) {
  if (typeof input !== 'object' || input === null)
    throw badInput('input', '{ invoiceId, reason, amount? }', input);
  const { id, invoiceId, reason, amount } = input;
  if (id !== undefined && id !== null && !isId(id)) throw badInput('id', ID_ACCEPTED, id);
  if (typeof invoiceId !== 'string' || invoiceId === '')
    throw badInput('invoiceId', 'an invoice id or number such as "INV-2026-000001"', invoiceId);
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON) {
    throw badInput('reason', `a non-blank text of at most ${MAX_REASON} characters`, reason);
  }
  if (
    amount !== undefined &&
    amount !== null &&
    (typeof amount !== 'string' || !/^\d{1,15}(\.\d{1,2})?$/.test(amount))
  ) {
    throw badInput(
      'amount',
      'a net amount in euros with at most 2 decimals, such as "1200.50", or nothing for all that remains',
      amount,
    );
  }
  return { id: id ?? undefined, invoiceId, reason: reason.trim(), amount: amount ?? null };
}

function findInvoice(issued: IssuedState, idOrNumber: string) {
  return issued.byId.get(idOrNumber) ?? issued.byNumber.get(idOrNumber);
}

/**
 * A credit note against an issued invoice, never more than what remains of it; numbered in one
 * append to `credit-note-numbers` at the revision read, so two notes racing can never together
 * exceed the invoice. The same id with the same request returns the note already issued.
 */
export async function issueCreditNote(
  ctx: InvoicingContext,
  input: IssueCreditNoteInput,
): Promise<{ note: CreditNote; position: bigint | null }> {
  const request = parseInput(input);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [{ state: issued }, { state: credits, revision }] = await Promise.all([
      ctx.issued.catchUp(),
      ctx.credits.catchUp(),
    ]);
    const invoice = findInvoice(issued, request.invoiceId);
    if (request.id !== undefined) {
      const existing = credits.byId.get(request.id);
      if (existing) {
        const same =
          invoice?.invoiceId === existing.invoiceId &&
          existing.reason === request.reason &&
          existing.requestedAmount === request.amount;
        if (same) return { note: existing, position: null };
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
      nextIssueInstant(ctx.clock(), credits.last?.issuedAt),
      invoice.issuedAt,
    );
    const event: CreditNoteIssued = {
      type: 'CreditNoteIssued',
      data: {
        creditNoteId: request.id ?? ctx.newId(),
        number: creditNoteNumber(
          issuedAt,
          nextSequence(credits.last?.number, issuedAt, ctx.operator.timeZone),
          ctx.operator.timeZone,
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
        operator: ctx.operator,
      },
    };
    try {
      const result = await ctx.store.appendToStream(
        invoicingStreams.creditNoteNumbers,
        [storedInvoicingEvent(event)],
        {
          expectedRevision: revision,
        },
      );
      await ctx.projection.reached(result.lastPosition);
      return { note: event.data, position: result.lastPosition };
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
    }
  }
  throw conflict(
    `credit note numbering kept changing under ${MAX_ATTEMPTS} attempts; nothing was issued, try again`,
  );
}
