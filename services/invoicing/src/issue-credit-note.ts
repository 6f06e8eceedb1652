import { recordDocuments } from './documents/record-documents.js';
import { requireCompleteOperator } from './operator.js';
import {
  badInput,
  CONTROL_CHARACTERS_REFUSED,
  controlCharacterIn,
  isId,
  ID_ACCEPTED,
  printable,
  runCommand,
} from '@cadran/domain';
import { appendTo, type InvoicingContext } from './context.js';
import { decideCreditNote, type CreditNoteRequest } from './credit-note-decide.js';
import { invoicingStreams } from './events.js';
import type { CreditNote, IssuedState } from './issued-invoices.js';

export type IssueCreditNoteInput = {
  id?: string | null;
  invoiceId: string;
  reason: string;
  amount?: string | null;
};

const MAX_REASON = 500;

function parseInput(input: IssueCreditNoteInput): CreditNoteRequest {
  if (typeof input !== 'object' || input === null)
    throw badInput('input', '{ invoiceId, reason, amount? }', input);
  const { id, invoiceId, reason, amount } = input;
  if (id !== undefined && id !== null && !isId(id)) throw badInput('id', ID_ACCEPTED, id);
  if (typeof invoiceId !== 'string' || invoiceId === '')
    throw badInput('invoiceId', 'an invoice id or number such as "INV-2026-000001"', invoiceId);
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON) {
    throw badInput('reason', `a non-blank text of at most ${MAX_REASON} characters`, reason);
  }
  if (controlCharacterIn(reason) !== undefined)
    throw badInput('reason', `a text with ${CONTROL_CHARACTERS_REFUSED}`, printable(reason));
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
  const { state, events, position } = await runCommand({
    subject: 'credit note numbering',
    load: () => ctx.credits.catchUp(),
    decide: decideCreditNote,
    command: async () => {
      const { state: issued } = await ctx.issued.catchUp();
      return {
        request,
        invoice: findInvoice(issued, request.invoiceId),
        newId: request.id ?? ctx.newId(),
        now: ctx.clock(),
        operator: requireCompleteOperator(ctx.operator),
      };
    },
    append: appendTo(ctx, invoicingStreams.creditNoteNumbers),
  });
  const [issued] = events;
  if (issued === undefined) {
    // Decided nothing: the same request again, whose note is in the state read.
    const existing = request.id === undefined ? undefined : state.byId.get(request.id);
    if (existing === undefined) throw new Error('a credit note decided nothing for a new request');
    return { note: existing, position: null };
  }
  await ctx.projection.reached(position);
  const { state: invoices } = await ctx.issued.catchUp();
  const invoice = invoices.byId.get(issued.data.invoiceId)!;
  const documented = await recordDocuments(ctx, [
    { documentOf: 'CREDIT_NOTE', note: issued.data, invoice },
  ]);
  return { note: issued.data, position: documented ?? position };
}
