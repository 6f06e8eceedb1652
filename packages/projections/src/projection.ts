import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@cadran/event-store';

/**
 * A read model fed by events. The runner calls `apply` for each event of a batch, then `flush`,
 * inside one SQLite transaction that also stores the checkpoint.
 */
export interface Projection {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The tables it owns (for rebuilds and comparisons). */
  readonly tables: readonly string[];
  /** CREATE TABLE IF NOT EXISTS …, then prepares its statements. */
  setup(db: Database): void;
  /** Drops its tables; the runner calls setup again afterwards. */
  reset(db: Database): void;
  /** Synchronous: prepared statements only. */
  apply(event: RecordedEvent): void;
  /** Writes what apply batched up in memory; called once per batch, still in the transaction. */
  flush?(): void;
  /** Forgets what apply batched up: the batch's transaction rolled back. */
  discard?(): void;
}

export function dropTables(db: Database, tables: readonly string[]): void {
  for (const table of tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
