import type { Database } from 'better-sqlite3';

export type SynchronousMode = 'FULL' | 'NORMAL';

const SCHEMA_VERSION = 1;

/**
 * One row per stream holds its current revision, so an append checks its expected revision with
 * one primary-key read. Events are keyed by global position (the rowid); ids are 16-byte BLOBs,
 * which keeps the unique id index small, and time-ordered UUIDv7 ids keep its inserts at the right edge.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS streams (
  stream_key INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  revision INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream_key INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  id BLOB NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events (stream_key, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id);
`;

export function configureConnection(db: Database, synchronous: SynchronousMode): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 30000');
  // A multi-row INSERT keeps the pages it changes in a statement journal (to undo a refused row):
  // in memory rather than in a temporary file.
  db.pragma('temp_store = MEMORY');
  // Checkpoint every ~40 MB of WAL rather than 4 MB: appends with random ids (UUIDv5 of record
  // ids) change index pages all over the file, and a page changed by several appends between two
  // checkpoints is then copied back once.
  db.pragma('wal_autocheckpoint = 10000');
}

export function migrateEventStoreSchema(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `event store schema version ${version} is newer than this code (${SCHEMA_VERSION})`,
    );
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
