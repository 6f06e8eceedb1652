import type { EventStore } from '@cadran/event-store';
import type { Database } from 'better-sqlite3';
import { createProjectionRunner, createReadModelProjections, createReadModelQueries } from '@cadran/projections';

/** For bench/invoicing.ts, which cannot import @cadran/projections itself yet. */
export const benchSupport = {
  readModels(store: EventStore & { database: Database }) {
    const runner = createProjectionRunner({ store, db: store.database, projections: createReadModelProjections() });
    return { runner, queries: createReadModelQueries(store.database) };
  },
};
