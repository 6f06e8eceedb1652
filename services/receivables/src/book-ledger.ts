import type { Loaded } from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import {
  emptyBook,
  evolveBook,
  RECEIVABLES_STREAM,
  toInvoicingFact,
  toReceivablesEvent,
  type Book,
} from '@cadran/receivables';

/** Invoicing's streams receivables reads: every issued invoice and credit note. */
export const INVOICING_SOURCES = ['invoice-numbers', 'credit-note-numbers'] as const;

const PAGE = 1000;

/**
 * The book folded in memory from `invoice-numbers`, `credit-note-numbers` and `receivables`, read
 * once, then only what was appended since. `revision` is the `receivables` stream's, the one
 * commands append to; invoices issued meanwhile are read again on the next attempt.
 */
export function createBookLedger(store: Pick<EventStore, 'readStream'>) {
  const book = emptyBook();
  const revisions = new Map<string, bigint | 'no_stream'>();
  let position = -1n;
  let running: Promise<unknown> = Promise.resolve();
  const readStream = async (stream: string) => {
    for (;;) {
      const last = revisions.get(stream) ?? 'no_stream';
      const page = await store.readStream(stream, {
        fromRevision: last === 'no_stream' ? 0n : last + 1n,
        maxCount: PAGE,
      });
      for (const recorded of page) {
        const event =
          stream === RECEIVABLES_STREAM ? toReceivablesEvent(recorded) : toInvoicingFact(recorded);
        if (event) evolveBook(book, event);
        revisions.set(stream, recorded.streamRevision);
        if (recorded.globalPosition > position) position = recorded.globalPosition;
      }
      if (page.length < PAGE) return;
    }
  };
  const read = async (): Promise<Loaded<Book>> => {
    for (const stream of [...INVOICING_SOURCES, RECEIVABLES_STREAM]) await readStream(stream);
    return { state: book, revision: revisions.get(RECEIVABLES_STREAM) ?? 'no_stream', position };
  };
  return {
    /** Reads what was appended since the last call and folds it in. */
    catchUp(): Promise<Loaded<Book>> {
      const next = running.then(read, read);
      running = next;
      return next;
    },
  };
}
export type BookLedger = ReturnType<typeof createBookLedger>;
