import type { CheckpointStore } from '../checkpoint-store.js';
import { createSqliteCheckpointStore } from '../checkpoint-store.js';
import type { SqliteEventStore } from '../sqlite-event-store.js';
import type { Subscription } from '../event-store.js';

export const PROJECTION = 'counting';

/**
 * A read model in the event store's own file: one row per event seen, written in the same
 * transaction as the checkpoint. No unique key, so a replayed event would show as a duplicate.
 */
export function startCountingProjection(
  store: SqliteEventStore,
  onBatch: () => void = () => undefined,
): Subscription {
  const db = store.database;
  db.exec('CREATE TABLE IF NOT EXISTS seen (position INTEGER NOT NULL)');
  const checkpoints: CheckpointStore = createSqliteCheckpointStore(db);
  const insert = db.prepare<[bigint]>('INSERT INTO seen (position) VALUES (?)');
  const project = db.transaction((positions: bigint[], checkpoint: bigint) => {
    for (const position of positions) insert.run(position);
    checkpoints.store(PROJECTION, checkpoint);
  });
  return store.subscribeToAll({
    after: checkpoints.load(PROJECTION),
    batchSize: 100,
    onEvents: (events, checkpoint) => {
      project(
        events.map((event) => event.globalPosition),
        checkpoint,
      );
      onBatch();
    },
  });
}
