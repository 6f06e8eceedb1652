import type { Database } from 'better-sqlite3';
import {
  createSqliteCheckpointStore,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@cadran/event-store';
import {
  emptyBook,
  evolveBook,
  partyKey,
  RECEIVABLES_STREAM,
  toInvoicingFact,
  toReceivablesEvent,
  type Book,
  type InvoicingFact,
  type ReceivablesEvent,
} from '@cadran/receivables';
import { INVOICING_SOURCES } from './book-ledger.js';

export const RECEIVABLES_PROJECTION = 'receivables';
const RECHECK_MS = 10;

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

export type ReceivablesProjection = {
  reached(position: bigint): Promise<void>;
  awaitPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
};

/**
 * Kept current by a subscription to invoicing's numbering streams and `receivables`; each batch
 * of events and the checkpoint commit in one transaction: a crash replays nothing twice.
 */
export function startReceivablesProjection(store: EventStore, db: Database): ReceivablesProjection {
  migrateReceivablesReadModel(db);
  const checkpoints = createSqliteCheckpointStore(db);
  const apply = createApplier(db);
  let projected = checkpoints.load(RECEIVABLES_PROJECTION) ?? -1n;
  const waiters = new Set<{ position: bigint; resolve: () => void }>();
  const commit = db.transaction((events: RecordedEvent[], checkpoint: bigint) => {
    for (const recorded of events) {
      const event =
        recorded.streamName === RECEIVABLES_STREAM
          ? toReceivablesEvent(recorded)
          : toInvoicingFact(recorded);
      if (event) apply(recorded.globalPosition, event);
    }
    checkpoints.store(RECEIVABLES_PROJECTION, checkpoint);
  });
  const advance = (checkpoint: bigint) => {
    if (checkpoint > projected) projected = checkpoint;
    for (const waiter of waiters) {
      if (waiter.position <= projected) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  const subscription: Subscription = store.subscribeToAll({
    after: projected,
    filter: { streamPrefixes: [...INVOICING_SOURCES, RECEIVABLES_STREAM] },
    batchSize: 500,
    onEvents: (events, checkpoint) => {
      commit(events, checkpoint);
      advance(checkpoint);
    },
    onCaughtUp: advance,
  });
  return {
    reached(position) {
      if (position <= projected) return Promise.resolve();
      return new Promise((resolve) => waiters.add({ position, resolve }));
    },
    awaitPosition(position, timeoutMs) {
      const readPast = () => projected >= position || subscription.checkpoint >= position;
      if (readPast()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const deadline = Date.now() + timeoutMs;
        const timer = setInterval(() => {
          if (readPast()) resolve(true);
          else if (Date.now() < deadline) return;
          else resolve(false);
          clearInterval(timer);
        }, RECHECK_MS);
      });
    },
    async stop() {
      await subscription.stop();
      for (const waiter of waiters) waiter.resolve();
      waiters.clear();
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
