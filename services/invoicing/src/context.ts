import type { EventStore } from '@cadran/event-store';
import type { InvoicingServiceDeps } from './invoicing-service.js';
import { invoicingStreams } from './events.js';
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
import type { HourlyBuckets } from './hourly-buckets.js';
import type { InvoicesProjection } from './invoices-projection.js';

/** What the commands share: ports, the numbering ledgers and the read model they wait on. */
export type InvoicingContext = InvoicingServiceDeps & {
  digests: DigestCache;
  buckets: HourlyBuckets;
  issued: Ledger<IssuedState>;
  credits: Ledger<CreditState>;
  projection: InvoicesProjection;
};

export function createLedgers(store: EventStore) {
  return {
    issued: createLedger(store, invoicingStreams.invoiceNumbers, emptyIssued(), evolveIssued),
    credits: createLedger(store, invoicingStreams.creditNoteNumbers, emptyCredits(), evolveCredits),
  };
}

export const MAX_ATTEMPTS = 10;

export function isWrongExpectedRevision(error: unknown): boolean {
  return error instanceof Error && error.name === 'WrongExpectedRevisionError';
}
