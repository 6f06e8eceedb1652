import type { Database } from 'better-sqlite3';
import type { DomainEvent } from '@cadran/domain';
import type { RecordedEvent } from '@cadran/event-store';
import type { Projection } from './projection.js';
import { createReadModelProjections } from './read-model-projections.js';

/**
 * For tests and benches only: feeds domain events to the platform's read models in `db` the way
 * the runner does (each projection's `apply`, then `flush`, one transaction per call), without an
 * event store, so millions of records reach the read models through the projections' own code
 * and no caller writes their tables. Positions count up from 1; there is no checkpoint.
 */
export function createReadModelFeeder(db: Database) {
  const projections = createReadModelProjections();
  const byType = new Map<string, Projection[]>();
  for (const projection of projections) {
    projection.setup(db);
    for (const type of projection.eventTypes)
      byType.set(type, [...(byType.get(type) ?? []), projection]);
  }
  let position = 0n;
  const feed = db.transaction((events: readonly DomainEvent[]) => {
    for (const event of events) {
      position += 1n;
      const recorded: RecordedEvent = {
        id: `fed-${position}`,
        streamName: 'fed',
        type: event.type,
        data: event.data as RecordedEvent['data'],
        metadata: {},
        streamRevision: position - 1n,
        globalPosition: position,
      };
      for (const projection of byType.get(event.type) ?? []) projection.apply(recorded);
    }
    for (const projection of projections) projection.flush?.();
  });
  return {
    /** Applies the events in one transaction. */
    feed: (events: readonly DomainEvent[]) => feed(events),
  };
}
