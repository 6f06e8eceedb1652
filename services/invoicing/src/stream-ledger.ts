import type { EventStore } from '@cadran/event-store';
import { toInvoicingEvent, type InvoicingEvent } from './events.js';

export type Ledger<State> = {
  /** Reads what was appended since the last call and folds it in; returns the state and its revision. */
  catchUp(): Promise<{ state: State; revision: bigint | 'no_stream' }>;
};

/**
 * A stream folded in memory and kept current incrementally: the numbering streams are read
 * once, then only their new events, so checking "already issued?" stays cheap as they grow.
 */
export function createLedger<State>(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  initial: State,
  evolve: (state: State, event: InvoicingEvent) => State,
): Ledger<State> {
  let state = initial;
  let revision: bigint | 'no_stream' = 'no_stream';
  let running: Promise<unknown> = Promise.resolve();
  const read = async () => {
    for (;;) {
      const from = revision === 'no_stream' ? 0n : revision + 1n;
      const page = await store.readStream(stream, { fromRevision: from, maxCount: 1000 });
      for (const recorded of page) {
        const event = toInvoicingEvent(recorded);
        if (event) state = evolve(state, event);
        revision = recorded.streamRevision;
      }
      if (page.length < 1000) return { state, revision };
    }
  };
  return {
    catchUp() {
      const next = running.then(read, read);
      running = next;
      return next;
    },
  };
}
