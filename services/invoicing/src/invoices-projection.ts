import type { Database } from 'better-sqlite3';
import {
  createSqliteCheckpointStore,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  type SubscriptionState,
} from '@cadran/event-store';
import { INVOICING_STREAM_PREFIXES, toInvoicingEvent, type InvoicingEvent } from './events.js';
import { creditNoteView, draftView, issuedView } from './invoice-views.js';

export const INVOICES_PROJECTION = 'invoicing-invoices';
const RECHECK_MS = 10;

export function migrateInvoicesReadModel(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS invoicing_batches (
      id TEXT PRIMARY KEY, period TEXT NOT NULL, opened_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS invoicing_invoices (
      id TEXT PRIMARY KEY,
      number TEXT UNIQUE,
      status TEXT NOT NULL,
      batch_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      tenant_id TEXT NOT NULL,
      period TEXT NOT NULL,
      doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS invoicing_invoices_batch ON invoicing_invoices (batch_id);
    CREATE INDEX IF NOT EXISTS invoicing_invoices_tenant ON invoicing_invoices (tenant_id, period);
    CREATE INDEX IF NOT EXISTS invoicing_invoices_period ON invoicing_invoices (period);
    CREATE TABLE IF NOT EXISTS invoicing_credit_notes (
      id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, invoice_id TEXT NOT NULL, doc TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS invoicing_credit_notes_invoice ON invoicing_credit_notes (invoice_id);
    CREATE TABLE IF NOT EXISTS invoicing_documents (
      number TEXT NOT NULL, format TEXT NOT NULL, document_of TEXT NOT NULL, id TEXT NOT NULL,
      media_type TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
      PRIMARY KEY (number, format)
    ) WITHOUT ROWID;
  `);
}

/** Applies one event to the invoices read model (idempotent: replaying an event changes nothing). */
function createApplier(db: Database) {
  const openBatch = db.prepare(
    'INSERT OR IGNORE INTO invoicing_batches (id, period, opened_at) VALUES (?, ?, ?)',
  );
  const upsertInvoice = db.prepare(`
    INSERT INTO invoicing_invoices (id, number, status, batch_id, contract_id, tenant_id, period, doc)
    VALUES (@id, @number, @status, @batchId, @contractId, @tenantId, @period, @doc)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, status = excluded.status, tenant_id = excluded.tenant_id, doc = excluded.doc
    WHERE invoicing_invoices.status = 'DRAFT'`);
  const deleteDraft = db.prepare(
    "DELETE FROM invoicing_invoices WHERE id = ? AND status = 'DRAFT'",
  );
  const insertCreditNote = db.prepare(
    'INSERT OR IGNORE INTO invoicing_credit_notes (id, number, invoice_id, doc) VALUES (?, ?, ?, ?)',
  );
  // The first recording of a document stands: documents are made once.
  const insertDocument = db.prepare(
    'INSERT OR IGNORE INTO invoicing_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (event: InvoicingEvent) => {
    switch (event.type) {
      case 'DocumentsRecorded': {
        const { number, documentOf, id, files } = event.data;
        for (const f of files)
          insertDocument.run(
            number,
            f.format,
            documentOf,
            id,
            f.mediaType,
            f.fileName,
            f.sha256,
            f.size,
          );
        return;
      }
      case 'InvoiceBatchOpened':
        openBatch.run(event.data.batchId, event.data.period, event.data.openedAt);
        return;
      case 'InvoiceDrafted':
      case 'InvoiceIssued': {
        const view =
          event.type === 'InvoiceDrafted' ? draftView(event.data) : issuedView(event.data);
        const { creditNotes: _none, ...doc } = view;
        upsertInvoice.run({ ...view, doc: JSON.stringify(doc) });
        return;
      }
      case 'InvoiceDraftVoided':
        deleteDraft.run(event.data.invoiceId);
        return;
      case 'CreditNoteIssued':
        insertCreditNote.run(
          event.data.creditNoteId,
          event.data.number,
          event.data.invoiceId,
          JSON.stringify(creditNoteView(event.data)),
        );
        return;
    }
  };
}

export type InvoicesProjection = {
  /** Resolves once the read model holds every event up to `position`. */
  reached(position: bigint): Promise<void>;
  /**
   * True once the read model has applied `position` (any log position: events of other services
   * count as applied once read past); false after `timeoutMs`.
   */
  awaitPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Its subscription's state: 'resuming' or 'failed' when the read model is not kept current. */
  readonly state: SubscriptionState;
  stop(): Promise<void>;
};

/**
 * The invoices read model kept current by a subscription; each batch of events and the checkpoint
 * commit in one transaction, so a crash replays nothing twice and loses nothing.
 */
export function startInvoicesProjection(store: EventStore, db: Database): InvoicesProjection {
  migrateInvoicesReadModel(db);
  const checkpoints = createSqliteCheckpointStore(db);
  const apply = createApplier(db);
  let projected = checkpoints.load(INVOICES_PROJECTION) ?? -1n;
  const waiters = new Set<{ position: bigint; resolve: () => void }>();
  const commit = db.transaction((events: RecordedEvent[], checkpoint: bigint) => {
    for (const recorded of events) {
      const event = toInvoicingEvent(recorded);
      if (event) apply(event);
    }
    checkpoints.store(INVOICES_PROJECTION, checkpoint);
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
    filter: { streamPrefixes: INVOICING_STREAM_PREFIXES },
    batchSize: 500,
    onEvents: (events, checkpoint) => {
      commit(events, checkpoint);
      advance(checkpoint);
    },
    onCaughtUp: advance,
    onError: (error) => console.error('invoices read model stopped:', error),
  });
  return {
    reached(position) {
      if (position <= projected) return Promise.resolve();
      return new Promise((resolve) => waiters.add({ position, resolve }));
    },
    awaitPosition(position, timeoutMs) {
      const readPast = () => projected >= position || subscription.checkpoint >= position;
      if (readPast()) return Promise.resolve(true);
      // Filtered-out events move the subscription's checkpoint without a call back: look again shortly.
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
    get state() {
      return subscription.state;
    },
    async stop() {
      await subscription.stop();
      for (const waiter of waiters) waiter.resolve();
      waiters.clear();
    },
  };
}
