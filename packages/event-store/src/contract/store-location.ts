import type { EventStore } from '../event-store.js';

/** Where a log lives, in a form a child process can receive as JSON and open again. */
export type StoreLocation =
  { adapter: 'sqlite'; path: string } | { adapter: 'esdb'; connectionString: string };

export async function openStore(location: StoreLocation): Promise<EventStore> {
  if (location.adapter === 'sqlite') {
    const { createSqliteEventStore } = await import('../sqlite-event-store.js');
    return createSqliteEventStore({ path: location.path });
  }
  const { createEsdbEventStore } = await import('../esdb-event-store.js');
  return createEsdbEventStore({ connectionString: location.connectionString });
}
