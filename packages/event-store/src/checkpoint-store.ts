import type { Database } from 'better-sqlite3';

/**
 * Subscriber checkpoints in a SQLite database. Synchronous on purpose: call it inside the same
 * `db.transaction(...)` that writes a read model so output and checkpoint commit together.
 */
export interface CheckpointStore {
  /** The position to resume after, or undefined when the subscriber never checkpointed. */
  load(name: string): bigint | undefined;
  store(name: string, position: bigint): void;
}

export function createSqliteCheckpointStore(db: Database): CheckpointStore {
  db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) WITHOUT ROWID`);
  const select = db
    .prepare<[string], bigint>('SELECT position FROM checkpoints WHERE name = ?')
    .pluck()
    .safeIntegers();
  const upsert = db.prepare<[string, bigint]>(
    'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
  );
  return {
    load: (name) => select.get(name),
    store: (name, position) => {
      upsert.run(name, position);
    },
  };
}
