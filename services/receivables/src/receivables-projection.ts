import type { Database } from 'better-sqlite3';
import type { EventStore } from '@cadran/event-store';
import {
  createProjectionRunner,
  dropTables,
  type Projection,
  type ProjectionRunner,
} from '@cadran/projections';
import {
  emptyBook,
  evolveBook,
  partyKey,
  RECEIVABLES_EVENT_TYPES,
  RECEIVABLES_STREAM,
  toInvoicingFact,
  toReceivablesEvent,
  type Book,
  type InvoicingFact,
  type ReceivablesEvent,
} from '@cadran/receivables';

export const RECEIVABLES_PROJECTION = 'receivables';
const INVOICING_FACT_TYPES = ['InvoiceIssued', 'CreditNoteIssued'] as const;

/**
 * The read model: the events receivables folds, each once (keyed by log position), indexed by the
 * party it concerns (null while a payment waits unmatched), its payment and its invoice. A query
 * folds the rows it needs with the package's `evolveBook` and answers with the package's views.
 */
export function migrateReceivablesReadModel(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS rx_events (
      position INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      party TEXT,
      payment_id TEXT,
      invoice_id TEXT,
      data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rx_events_party ON rx_events (party, position);
    CREATE INDEX IF NOT EXISTS rx_events_payment ON rx_events (payment_id, position);
    CREATE INDEX IF NOT EXISTS rx_events_invoice ON rx_events (invoice_id, position);
  `);
}

type Row = { position: number; type: string; data: string };

function createApplier(db: Database) {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO rx_events (position, type, party, payment_id, invoice_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const invoiceParty = db.prepare<[string], { party: string }>(
    "SELECT party FROM rx_events WHERE invoice_id = ? AND type = 'InvoiceIssued'",
  );
  const paymentParty = db.prepare<[string], { party: string | null }>(
    "SELECT party FROM rx_events WHERE payment_id = ? AND type = 'PaymentReceived'",
  );
  const attribute = db.prepare(
    'UPDATE rx_events SET party = ? WHERE payment_id = ? AND party IS NULL',
  );
  return (position: bigint, event: ReceivablesEvent | InvoicingFact) => {
    const d = event.data as Record<string, unknown>;
    const paymentId = typeof d.paymentId === 'string' ? d.paymentId : null;
    const invoiceId = typeof d.invoiceId === 'string' ? d.invoiceId : null;
    let party: string | null = null;
    switch (event.type) {
      case 'InvoiceIssued':
      case 'PaymentAllocated':
      case 'PaymentAttributed':
      case 'CreditRefunded':
      case 'PaymentReminderIssued':
      case 'LateChargesInvoiced':
        party = partyKey(event.data.party);
        break;
      case 'PaymentReceived':
        party = event.data.party === null ? null : partyKey(event.data.party);
        break;
      case 'CreditNoteIssued':
        party = invoiceParty.get(event.data.invoiceId)?.party ?? null;
        break;
      case 'AllocationReversed':
      case 'PaymentReturned':
        party = paymentParty.get(event.data.paymentId)?.party ?? null;
        break;
      case 'BankStatementImported':
        break;
    }
    insert.run(
      Number(position),
      event.type,
      party,
      paymentId,
      invoiceId,
      JSON.stringify(event.data),
    );
    // Whose a payment is, once said, holds for every row of it (an allocation says it too).
    if (party !== null && paymentId !== null) attribute.run(party, paymentId);
  };
}

/** The read model as a projection of `@cadran/projections`: the runner commits each batch with its checkpoint. */
export function receivablesProjection(): Projection {
  let apply: ReturnType<typeof createApplier> | undefined;
  return {
    name: RECEIVABLES_PROJECTION,
    eventTypes: [...RECEIVABLES_EVENT_TYPES, ...INVOICING_FACT_TYPES],
    tables: ['rx_events'],
    setup(db) {
      migrateReceivablesReadModel(db);
      apply = createApplier(db);
    },
    reset: (db) => dropTables(db, ['rx_events']),
    apply(recorded) {
      const event =
        recorded.streamName === RECEIVABLES_STREAM
          ? toReceivablesEvent(recorded)
          : toInvoicingFact(recorded);
      if (event) apply!(recorded.globalPosition, event);
    },
  };
}

export type ReceivablesProjection = {
  /** Resolves once the read model holds every event up to `position`. */
  reached(position: bigint): Promise<void>;
  awaitPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Its subscription's state, as /healthz reports it. */
  readonly state: ProjectionRunner['state'];
  stop(): Promise<void>;
};

const FOREVER_MS = 2_147_483_647;

/**
 * Kept current by the projection runner on invoicing's issued invoices and credit notes and on
 * `receivables`; each batch of events and the checkpoint (`receivables`) commit in one transaction.
 */
export function startReceivablesProjection(store: EventStore, db: Database): ReceivablesProjection {
  const runner = createProjectionRunner({
    store,
    db,
    projections: [receivablesProjection()],
    name: RECEIVABLES_PROJECTION,
    batchSize: 500,
  });
  const started = runner.start();
  return {
    reached: async (position) => {
      await started;
      await runner.waitForPosition(position, FOREVER_MS);
    },
    awaitPosition: (position, timeoutMs) => runner.waitForPosition(position, timeoutMs),
    get state() {
      return runner.state;
    },
    stop: async () => {
      await started.catch(() => undefined);
      await runner.stop();
    },
  };
}

/** Folds rows of the read model into a book, in log order. */
export function foldRows(rows: Iterable<Row>): Book {
  const book = emptyBook();
  for (const row of rows)
    evolveBook(book, { type: row.type, data: JSON.parse(row.data) } as ReceivablesEvent);
  return book;
}
