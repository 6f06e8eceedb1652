import type { Database } from 'better-sqlite3';
import { appendInChunks, type EventStore } from '@cadran/event-store';
import type { ReadModelQueries } from '@cadran/projections';
import { invoicingStreams, storedInvoicingEvent, type InvoicingEvent } from './events.js';
import type { OperatorSettings } from './operator.js';
import type { DocumentFile } from './events.js';
import type { DocumentFiles } from './documents/document-files.js';
import { createLedger, type Ledger } from './stream-ledger.js';
import {
  emptyCredits,
  emptyIssued,
  evolveCredits,
  evolveIssued,
  type CreditState,
  type IssuedState,
} from './issued-invoices.js';
import type { DigestCache } from './record-provenance.js';
import type { InvoicesProjection } from './invoices-projection.js';

export type InvoicingServiceDeps = {
  store: EventStore;
  /** The platform's read models (contracts, reservations, usage buckets and records…). */
  queries: ReadModelQueries;
  /** Where the invoices read model, its checkpoint and the digest cache live. */
  readDb: Database;
  /** Now, RFC 3339 UTC. */
  clock: () => string;
  newId: () => string;
  /** From CADRAN_OPERATOR_* (operatorFromEnv); issuing refuses while something is missing. */
  operator: OperatorSettings;
};

/** What the commands share: ports, the numbering ledgers and the read model they wait on. */
export type InvoicingContext = InvoicingServiceDeps & {
  digests: DigestCache;
  issued: Ledger<IssuedState>;
  credits: Ledger<CreditState>;
  projection: InvoicesProjection;
  documents: {
    files: DocumentFiles;
    /** The files recorded for an invoice or credit note number (DocumentsRecorded), none yet: []. */
    recorded(number: string): DocumentFile[];
  };
};

export function createLedgers(store: EventStore) {
  return {
    issued: createLedger(store, invoicingStreams.invoiceNumbers, emptyIssued(), evolveIssued),
    credits: createLedger(store, invoicingStreams.creditNoteNumbers, emptyCredits(), evolveCredits),
  };
}

/**
 * The append of a command's events (runCommand's `append`), schema version 1 each: one append, or
 * consecutive ones when the store refuses it as too large (EventStoreDB's maximum append size).
 * A crash between them leaves a prefix (drafts of some contracts, the first invoices numbered in
 * order); running the command again completes it, as it decides only what is missing.
 */
export const appendTo =
  (ctx: Pick<InvoicingContext, 'store'>, stream: string) =>
  (events: InvoicingEvent[], expectedRevision: bigint | 'no_stream') =>
    appendInChunks(ctx.store, stream, events.map(storedInvoicingEvent), expectedRevision);
