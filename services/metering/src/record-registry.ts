import type { Database } from 'better-sqlite3';

/** One record the log holds: its event id (UUIDv5, lower-case text) and its content digest (hex). */
export interface RegistryEntry {
  eventId: string;
  digest: string;
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
  digest(eventId: string): string | undefined;
  /**
   * Adds the records of revisions (from, to] of the stream (from undefined: from the start).
   * The revision moves only when it was `from`, so it never claims records it lacks.
   */
  apply(
    stream: string,
    from: bigint | undefined,
    to: bigint,
    entries: readonly RegistryEntry[],
  ): void;
  /** Writes what is held in memory to the database. */
  flush(): void;
}

// Keys are the 16 bytes of the UUIDv5, digests 8 bytes, in a WITHOUT ROWID table: about 30 bytes a record.
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
export function createRecordRegistry(
  db: Database,
  options: { flushEvery?: number } = {},
): RecordRegistry {
  const flushEvery = options.flushEvery ?? 50_000;
  db.transaction(() => db.exec(SCHEMA)).immediate();
  const selectRevision = db
    .prepare<[string], bigint>('SELECT revision FROM metering_streams WHERE stream = ?')
    .pluck()
    .safeIntegers();
  const selectDigest = db
    .prepare<[Buffer], Buffer>('SELECT digest FROM metering_records WHERE event_id = ?')
    .pluck();
  // Every held record in one statement, from one JSON object {eventId: digest}: the conversions
  // and the sort (the inserts then walk the B-tree once, left to right) run inside SQLite.
  const insertRecords = db.prepare<[string]>(
    `INSERT OR IGNORE INTO metering_records (event_id, digest)
     SELECT unhex(replace(key, '-', '')), unhex(value) FROM json_each(?) ORDER BY 1`,
  );
  const insertStream = db.prepare<[string, bigint]>(
    'INSERT OR IGNORE INTO metering_streams (stream, revision) VALUES (?, ?)',
  );
  const advanceStream = db.prepare<[bigint, string, bigint]>(
    'UPDATE metering_streams SET revision = ? WHERE stream = ? AND revision = ?',
  );

  // Event id → digest, as the strings they are made as (the parsed records are not kept).
  const heldRecords = new Map<string, string>();
  const heldStreams = new Map<string, HeldStream>();
  const bytesOf = (eventId: string) => Buffer.from(eventId.replaceAll('-', ''), 'hex');

  const write = db.transaction(() => {
    insertRecords.run(JSON.stringify(Object.fromEntries(heldRecords)));
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
      return heldRecords.get(eventId) ?? selectDigest.get(bytesOf(eventId))?.toString('hex');
    },
    apply(stream, from, to, entries) {
      for (const entry of entries) heldRecords.set(entry.eventId, entry.digest);
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
