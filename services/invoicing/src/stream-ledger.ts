import type { Loaded } from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';
import { toInvoicingEvent, type InvoicingEvent } from './events.js';

export type Ledger<State> = {
  /** Reads what was appended since the last call and folds it in. */
  catchUp(): Promise<Loaded<State>>;
};

/**
 * A stream folded in memory and kept current incrementally: the numbering streams are read
 * once, then only their new events, so checking "already issued?" stays cheap as they grow.
 * The state is shared by every caller: nothing but the ledger may change it.
 */
export function createLedger<State>(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  initial: State,
  evolve: (state: State, event: InvoicingEvent) => State,
): Ledger<State> {
  let state = initial;
  let revision: bigint | 'no_stream' = 'no_stream';
  let position = -1n;
  let running: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Loaded<State>> => {
    for (;;) {
      const from = revision === 'no_stream' ? 0n : revision + 1n;
      const page = await store.readStream(stream, { fromRevision: from, maxCount: 1000 });
      for (const recorded of page) {
        const event = toInvoicingEvent(recorded);
        if (event) state = evolve(state, event);
        revision = recorded.streamRevision;
        position = recorded.globalPosition;
      }
      if (page.length < 1000) return { state, revision, position };
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
