import { fromStored, type DomainEvent } from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';

/** The state folded from one stream, read again only past the revision already folded. */
export interface FollowedStream<S> {
  /** Folds the events appended since the last call; resolves to the state. */
  catchUp(): Promise<S>;
  /** True until an event of the stream was read. */
  readonly empty: boolean;
}

const PAGE = 1000;

export function followStream<S>(
  store: EventStore,
  stream: string,
  initial: S,
  evolve: (state: S, event: DomainEvent) => S,
): FollowedStream<S> {
  let state = initial;
  let next = 0n;
  return {
    get empty() {
      return next === 0n;
    },
    async catchUp() {
      for (;;) {
        const events = await store.readStream(stream, { fromRevision: next, maxCount: PAGE });
        for (const recorded of events) {
          const event = fromStored(recorded);
          if (event !== undefined) state = evolve(state, event);
          next = recorded.streamRevision + 1n;
        }
        if (events.length < PAGE) return state;
      }
    },
  };
}
