import type { Database } from 'better-sqlite3';
import {
  ageing,
  creditBalance,
  formatMoney,
  invoiceReceivable,
  money,
  sumMoney,
  partyInvoices,
  partyKey,
  partyStatement,
  type Ageing,
  type Book,
  type InvoiceReceivable,
  type PartyRef,
  type PartyStatement,
  type Reminder,
} from '@cadran/receivables';
import { foldRows } from './receivables-projection.js';
import { paymentView, type PaymentView } from './receivables-views.js';

export type PartyAccount = {
  party: PartyRef;
  asOf: string;
  /** What the party owes on its invoices at the end of `asOf`. */
  outstanding: string;
  /** The part of it past due. */
  overdue: string;
  /** Money received and not applied to an invoice (payments left over, less refunds). */
  creditBalance: string;
  /** outstanding − creditBalance: positive, the party owes; negative, the operator owes it. */
  balance: string;
  invoices: InvoiceReceivable[];
};

type Row = { position: number; type: string; data: string };

/** The read side: folds the read model's rows for what is asked, answers with the package's views. */
export function createReceivablesQueries(db: Database) {
  const all = db.prepare<[], Row>('SELECT position, type, data FROM rx_events ORDER BY position');
  const ofParty = db.prepare<[string], Row>(
    'SELECT position, type, data FROM rx_events WHERE party = ? ORDER BY position',
  );
  const unmatched = db.prepare<[], Row>(
    'SELECT position, type, data FROM rx_events WHERE party IS NULL AND payment_id IS NOT NULL ORDER BY position',
  );
  const paymentParty = db.prepare<[string], { party: string | null }>(
    "SELECT party FROM rx_events WHERE payment_id = ? AND type = 'PaymentReceived'",
  );
  const invoiceParty = db.prepare<[string, string], { party: string }>(
    "SELECT party FROM rx_events WHERE type = 'InvoiceIssued' AND (invoice_id = ? OR json_extract(data, '$.number') = ?)",
  );

  const partyBook = (party: PartyRef): Book => foldRows(ofParty.iterate(partyKey(party)));
  const bookOfKey = (key: string | null): Book =>
    key === null ? foldRows(unmatched.iterate()) : foldRows(ofParty.iterate(key));

  return {
    /** A payment by id, with its party's book (its allocations' invoices); null when unknown. */
    payment(id: string): PaymentView | null {
      const row = paymentParty.get(id);
      if (row === undefined) return null;
      const book = bookOfKey(row.party);
      const payment = book.payments.get(id);
      return payment ? paymentView(book, payment) : null;
    },
    /** The party's payments, or those waiting unmatched (party null), in order received. */
    payments(party: PartyRef | null): PaymentView[] {
      const book = party === null ? foldRows(unmatched.iterate()) : partyBook(party);
      return [...book.payments.values()]
        .filter((payment) => party !== null || payment.returned === null)
        .map((payment) => paymentView(book, payment));
    },
    /** An issued invoice's settlement as of a local date; null for an invoice receivables has not seen. */
    invoice(idOrNumber: string, asOf: string): InvoiceReceivable | null {
      const row = invoiceParty.get(idOrNumber, idOrNumber);
      if (row === undefined) return null;
      const book = bookOfKey(row.party);
      const id = book.invoices.has(idOrNumber) ? idOrNumber : book.invoiceByNumber.get(idOrNumber);
      const invoice = id === undefined ? undefined : book.invoices.get(id);
      return invoice ? invoiceReceivable(book, invoice, asOf) : null;
    },
    account(party: PartyRef, asOf: string): PartyAccount {
      const book = partyBook(party);
      const invoices = partyInvoices(book, party)
        .sort((a, b) => a.number.localeCompare(b.number))
        .map((invoice) => invoiceReceivable(book, invoice, asOf));
      const outstanding = sumMoney(invoices.map((i) => money(i.remaining)));
      const overdue = sumMoney(
        invoices.filter((i) => i.status === 'OVERDUE').map((i) => money(i.remaining)),
      );
      const credit = creditBalance(book, party);
      return {
        party,
        asOf,
        outstanding: formatMoney(outstanding),
        overdue: formatMoney(overdue),
        creditBalance: formatMoney(credit),
        balance: formatMoney(outstanding.minus(credit)),
        invoices,
      };
    },
    ageing(asOf: string, party: PartyRef | null): Ageing {
      return ageing(party === null ? foldRows(all.iterate()) : partyBook(party), asOf);
    },
    statement(party: PartyRef, from: string, to: string): PartyStatement {
      return partyStatement(partyBook(party), party, from, to);
    },
    reminders(party: PartyRef | null): Reminder[] {
      const book = party === null ? foldRows(all.iterate()) : partyBook(party);
      return [...book.reminders.values()];
    },
  };
}
export type ReceivablesQueries = ReturnType<typeof createReceivablesQueries>;
