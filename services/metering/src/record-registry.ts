import type { Database } from 'better-sqlite3';

/** One record the log holds: its event id (UUIDv5 bytes) and its content digest. */
export interface RegistryEntry {
  eventId: Buffer;
  digest: Buffer;
}

/**
 * recordId → content digest for every metered record in the log, kept in step with each
 * `usage-`/`energy-` stream by the revision up to which it holds that stream's records.
 * A cache of the log, never the truth: it may lag (a crash, another process), and the append's
 * expected revision tells when it does.
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
  /** Writes what is held in memory to the database. */
  flush(): void;
}

// Keys are 16-byte UUIDv5 bytes, digests 8 bytes, in a WITHOUT ROWID table: about 30 bytes a record.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS metering_records (event_id BLOB PRIMARY KEY, digest BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metering_streams (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Revisions (base, to] of a stream applied in memory; base is the revision the database had. */
interface HeldStream {
  base: bigint | undefined;
  to: bigint;
}

/**
 * Random record ids scatter inserts over the whole B-tree: written one batch at a time, each
 * record dirties a page of its own. Entries are therefore held in memory and written `flushEvery`
 * at a time (a crash loses only what the stream will tell again).
 */
export function createRecordRegistry(db: Database, options: { flushEvery?: number } = {}): RecordRegistry {
  const flushEvery = options.flushEvery ?? 50_000;
  db.transaction(() => db.exec(SCHEMA)).immediate();
  const selectRevision = db.prepare<[string], bigint>('SELECT revision FROM metering_streams WHERE stream = ?').pluck().safeIntegers();
  const selectDigest = db.prepare<[Buffer], Buffer>('SELECT digest FROM metering_records WHERE event_id = ?').pluck();
  const insertRecord = db.prepare<[Buffer, Buffer]>('INSERT OR IGNORE INTO metering_records (event_id, digest) VALUES (?, ?)');
  const insertStream = db.prepare<[string, bigint]>('INSERT OR IGNORE INTO metering_streams (stream, revision) VALUES (?, ?)');
  const advanceStream = db.prepare<[bigint, string, bigint]>(
    'UPDATE metering_streams SET revision = ? WHERE stream = ? AND revision = ?',
  );

  // Compact while held: event id and digest bytes as latin1 strings (the parsed records are not kept).
  const heldRecords = new Map<string, string>();
  const heldStreams = new Map<string, HeldStream>();
  const keyOf = (eventId: Buffer) => eventId.toString('latin1');

  const write = db.transaction(() => {
    const keys = [...heldRecords.keys()].sort();
    for (const key of keys) insertRecord.run(Buffer.from(key, 'latin1'), Buffer.from(heldRecords.get(key)!, 'latin1'));
    for (const [stream, held] of heldStreams) {
      if (held.base === undefined) insertStream.run(stream, held.to);
      else advanceStream.run(held.to, stream, held.base);
    }
  });

  const flush = () => {
    if (heldRecords.size === 0 && heldStreams.size === 0) return;
    write.immediate();
    heldRecords.clear();
    heldStreams.clear();
  };

  const revision = (stream: string) => {
    const held = heldStreams.get(stream);
    return held !== undefined ? held.to : selectRevision.get(stream);
  };

  return {
    revision,
    digest(eventId) {
      const held = heldRecords.get(keyOf(eventId));
      return held !== undefined ? Buffer.from(held, 'latin1') : selectDigest.get(eventId);
    },
    apply(stream, from, to, entries) {
      for (const entry of entries) heldRecords.set(keyOf(entry.eventId), entry.digest.toString('latin1'));
      const held = heldStreams.get(stream);
      if (held !== undefined) {
        if (held.to === from) held.to = to;
      } else if (selectRevision.get(stream) === from) {
        heldStreams.set(stream, { base: from, to });
      }
      if (heldRecords.size >= flushEvery) flush();
    },
    flush,
  };
}
