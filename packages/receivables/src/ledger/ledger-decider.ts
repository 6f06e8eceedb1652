import type { Decider } from '@cadran/domain';
import { emptyBook, evolveBook, type Book } from '../book.js';
import type { ReceivablesEvent } from '../events.js';
import type { InvoicingFact } from '../facts.js';
import type { LedgerCommand } from './ledger-commands.js';
import { decideLedger } from './ledger-decide.js';

/**
 * The receivables ledger: decides on the book folded from invoicing's issued invoices and credit
 * notes and from the `receivables` stream; it writes only receivables events.
 */
export const ledgerDecider: Decider<LedgerCommand, Book, ReceivablesEvent | InvoicingFact> = {
  decide: decideLedger,
  evolve: evolveBook,
  initialState: emptyBook,
};
