import type { Database } from 'better-sqlite3';

/** One record the log holds: its event id (UUIDv5 bytes) and its content digest. */
export interface RegistryEntry {
  eventId: Buffer;
  digest: Buffer;
}

/**
 * recordId → content digest for every metered record in the log, kept in step with each
 * `usage-`/`energy-` stream by the revision up to which it holds that stream's records.
 * A cache of the log, never the truth: it may lag (a crash after an append, another process),
 * and the append's expected revision tells when it does.
 */
export interface RecordRegistry {
  /** Revision of the stream's last event the registry holds; undefined when it holds none. */
  revision(stream: string): bigint | undefined;
  digest(eventId: Buffer): Buffer | undefined;
  /**
   * Adds the records of revisions (from, to] of the stream (from undefined: from the start).
   * The revision moves only when it was `from`, so it never claims records it lacks.
   */
  apply(stream: string, from: bigint | undefined, to: bigint, entries: readonly RegistryEntry[]): void;
}

// Keys are 16-byte UUIDv5 bytes, digests 8 bytes, in a WITHOUT ROWID table: about 30 bytes a record.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS metering_records (event_id BLOB PRIMARY KEY, digest BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metering_streams (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
`;

export function createRecordRegistry(db: Database): RecordRegistry {
  db.transaction(() => db.exec(SCHEMA)).immediate();
  const selectRevision = db.prepare<[string], bigint>('SELECT revision FROM metering_streams WHERE stream = ?').pluck().safeIntegers();
  const selectDigest = db.prepare<[Buffer], Buffer>('SELECT digest FROM metering_records WHERE event_id = ?').pluck();
  const insertRecord = db.prepare<[Buffer, Buffer]>('INSERT OR IGNORE INTO metering_records (event_id, digest) VALUES (?, ?)');
  const insertStream = db.prepare<[string, bigint]>('INSERT OR IGNORE INTO metering_streams (stream, revision) VALUES (?, ?)');
  const advanceStream = db.prepare<[bigint, string, bigint]>(
    'UPDATE metering_streams SET revision = ? WHERE stream = ? AND revision = ?',
  );

  const apply = db.transaction((stream: string, from: bigint | undefined, to: bigint, entries: readonly RegistryEntry[]) => {
    for (const entry of entries) insertRecord.run(entry.eventId, entry.digest);
    if (from === undefined) insertStream.run(stream, to);
    else advanceStream.run(to, stream, from);
  });

  return {
    revision: (stream) => selectRevision.get(stream),
    digest: (eventId) => selectDigest.get(eventId),
    apply: (stream, from, to, entries) => apply.immediate(stream, from, to, entries),
  };
}
