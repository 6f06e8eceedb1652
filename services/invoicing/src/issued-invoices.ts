import type { BilledLine, Period } from '@cadran/billing';
import type { InvoiceIssued, InvoicingEvent, CreditNoteIssued } from './events.js';

export type IssuedInvoice = InvoiceIssued['data'];

/** The `invoice-numbers` stream folded: every issued invoice, by id and by contract. */
export type IssuedState = {
  byId: Map<string, IssuedInvoice>;
  byNumber: Map<string, IssuedInvoice>;
  byContract: Map<string, IssuedInvoice[]>;
  last: IssuedInvoice | undefined;
};

export const emptyIssued = (): IssuedState => ({
  byId: new Map(),
  byNumber: new Map(),
  byContract: new Map(),
  last: undefined,
});

/** Adds to the maps of `state` in place (the ledger folds thousands of invoices): fold a fresh state. */
export function evolveIssued(state: IssuedState, event: InvoicingEvent): IssuedState {
  if (event.type !== 'InvoiceIssued') return state;
  const issued = event.data;
  state.byId.set(issued.invoiceId, issued);
  state.byNumber.set(issued.number, issued);
  const list = state.byContract.get(issued.draft.contractId) ?? [];
  list.push(issued);
  state.byContract.set(issued.draft.contractId, list);
  state.last = issued;
  return state;
}

/** Ids of the contract's issued invoices, sorted: what a draft's ADJUSTMENT lines depend on. */
export function issuedBasis(state: IssuedState, contractId: string): string[] {
  return (state.byContract.get(contractId) ?? []).map((invoice) => invoice.invoiceId).sort();
}

/**
 * What was billed for each issued period of the contract earlier than `period`: its invoice's own
 * lines plus every ADJUSTMENT line naming it on any issued invoice. Credit notes stay out.
 */
export function billedEarlierPeriods(
  state: IssuedState,
  contractId: string,
  period: Period,
): Map<Period, BilledLine[]> {
  const invoices = state.byContract.get(contractId) ?? [];
  const billed = new Map<Period, BilledLine[]>();
  for (const invoice of invoices) {
    if (invoice.draft.period < period) billed.set(invoice.draft.period, []);
  }
  for (const invoice of invoices) {
    for (const line of invoice.draft.lines) {
      const target = line.kind === 'ADJUSTMENT' ? line.correctsPeriod : invoice.draft.period;
      if (target === null) continue;
      billed.get(target)?.push({
        kind: line.kind,
        amount: line.amount,
        correctsPeriod: line.correctsPeriod,
        adjustsKind: line.adjustsKind,
      });
    }
  }
  return billed;
}

/** The `credit-note-numbers` stream folded. */
export type CreditNote = CreditNoteIssued['data'];
export type CreditState = {
  byId: Map<string, CreditNote>;
  byInvoice: Map<string, CreditNote[]>;
  last: CreditNote | undefined;
};

export const emptyCredits = (): CreditState => ({
  byId: new Map(),
  byInvoice: new Map(),
  last: undefined,
});

/** In place, as evolveIssued. */
export function evolveCredits(state: CreditState, event: InvoicingEvent): CreditState {
  if (event.type !== 'CreditNoteIssued') return state;
  state.byId.set(event.data.creditNoteId, event.data);
  const list = state.byInvoice.get(event.data.invoiceId) ?? [];
  list.push(event.data);
  state.byInvoice.set(event.data.invoiceId, list);
  state.last = event.data;
  return state;
}
