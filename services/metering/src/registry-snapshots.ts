import type { Database } from 'better-sqlite3';
import {
  fingerprintFilterFor,
  fingerprintFilterOf,
  type FingerprintFilter,
} from './fingerprint-filter.js';
import type { RecordKind } from './record-claim.js';

/**
 * One saved run: the fingerprints of the records folded between two saves, kept on disk, sorted,
 * with a filter in memory (2 bytes a record) that answers "not here" for nearly every other one.
 */
export interface SavedRun {
  /** Claim revisions whose records may include this fingerprint (empty: none). */
  claimsOf(hi: number, lo: number): number[];
}

/** A claim registry as saved: its runs up to `revision`, and where each site stream stands. */
export interface RestoredRegistry {
  revision: number;
  sites: Map<string, number>;
  runs: SavedRun[];
}

/**
 * Snapshots of the claim registries in a local SQLite file, so that a restart folds only the
 * claims appended since the last one, and so that the registry keeps in memory only what was
 * folded since the last save. Append-only runs: each save adds one run with the fingerprints
 * folded since the previous save, sorted, in chunks a lookup reads one at a time, and the run's
 * filter. Every write goes to the end of its table. A snapshot is a cache of the claim streams,
 * never the truth: a lost or missing one only makes the next start fold more of the stream.
 */
export interface RegistrySnapshots {
  load(kind: RecordKind): RestoredRegistry | undefined;
  /** Whether `folded` records since the last save are worth a new run. */
  due(folded: number): boolean;
  /** Saves `entries`, (hi, lo, claim revision) triplets, as a run; answers the run. */
  save(
    kind: RecordKind,
    after: number,
    revision: number,
    sites: ReadonlyMap<string, number>,
    entries: Uint32Array,
  ): SavedRun;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS metering_claim_runs (
  run INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  after INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  sites TEXT NOT NULL,
  filter BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS metering_claim_chunks (
  run INTEGER NOT NULL,
  first_hi INTEGER NOT NULL,
  entries BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS metering_claim_chunks_by_run ON metering_claim_chunks (run, first_hi);
`;

/** Entries a chunk holds (12 bytes each), more only to keep equal high halves together. */
const CHUNK_ENTRIES = 1024;

interface RunRow {
  run: number;
  after: number;
  revision: number;
  sites: string;
  filter: Buffer;
}

/** A blob's bytes as 32-bit words (copied: a blob's bytes need not start at a multiple of four). */
const wordsOf = (blob: Buffer) => new Uint32Array(Uint8Array.from(blob).buffer);
const blobOf = (words: Uint32Array) =>
  Buffer.from(words.buffer, words.byteOffset, words.byteLength);

/** The triplets sorted by their high half (a native sort of (hi, index) pairs as 64-bit integers). */
function sortedByHi(entries: Uint32Array): Uint32Array {
  const count = entries.length / 3;
  const keys = new Uint32Array(2 * count);
  for (let i = 0; i < count; i++) {
    keys[2 * i] = i;
    keys[2 * i + 1] = entries[3 * i]!;
  }
  // Little-endian: the odd word (hi) is the integer's high half, the even one (index) its low half.
  new BigUint64Array(keys.buffer).sort();
  const sorted = new Uint32Array(entries.length);
  for (let i = 0; i < count; i++)
    sorted.set(entries.subarray(3 * keys[2 * i]!, 3 * keys[2 * i]! + 3), 3 * i);
  return sorted;
}

export function createRegistrySnapshots(
  db: Database,
  options: { everyRecords?: number } = {},
): RegistrySnapshots {
  const everyRecords = options.everyRecords ?? 500_000;
  db.transaction(() => {
    // Runs saved by the earlier layout (every fingerprint in one blob) are dropped: they are a
    // cache, and the next start folds the claim streams again.
    const old = db
      .prepare(
        "SELECT count(*) FROM pragma_table_info('metering_claim_runs') WHERE name = 'entries'",
      )
      .pluck()
      .get() as number;
    if (old > 0) db.exec('DROP TABLE metering_claim_runs');
    db.exec(SCHEMA);
  }).immediate();
  const selectRuns = db.prepare<[string], RunRow>(
    'SELECT run, after, revision, sites, filter FROM metering_claim_runs WHERE kind = ? ORDER BY run',
  );
  const insertRun = db.prepare<[string, number, number, string, Buffer]>(
    'INSERT INTO metering_claim_runs (kind, after, revision, sites, filter) VALUES (?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare<[number, number, Buffer]>(
    'INSERT INTO metering_claim_chunks (run, first_hi, entries) VALUES (?, ?, ?)',
  );
  const selectChunk = db
    .prepare<[number, number], Buffer>(
      'SELECT entries FROM metering_claim_chunks WHERE run = ? AND first_hi <= ? ORDER BY first_hi DESC LIMIT 1',
    )
    .pluck();

  const savedRun = (run: number, filter: FingerprintFilter): SavedRun => ({
    claimsOf(hi, lo) {
      if (!filter.mayHold(hi, lo)) return NONE;
      const blob = selectChunk.get(run, hi);
      if (blob === undefined) return NONE;
      const entries = wordsOf(blob);
      // The first entry whose high half is not below `hi`.
      let low = 0;
      let high = entries.length / 3;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (entries[3 * middle]! < hi) low = middle + 1;
        else high = middle;
      }
      let found: number[] | undefined;
      for (let i = 3 * low; i < entries.length && entries[i] === hi; i += 3)
        if (entries[i + 1] === lo) (found ??= []).push(entries[i + 2]!);
      return found ?? NONE;
    },
  });

  const save = db.transaction(
    (kind: string, after: number, revision: number, sites: string, entries: Uint32Array) => {
      const sorted = sortedByHi(entries);
      const count = sorted.length / 3;
      const filter = fingerprintFilterFor(count);
      for (let i = 0; i < sorted.length; i += 3) filter.add(sorted[i]!, sorted[i + 1]!);
      const run = Number(
        insertRun.run(kind, after, revision, sites, blobOf(filter.words)).lastInsertRowid,
      );
      for (let start = 0; start < count;) {
        let end = Math.min(count, start + CHUNK_ENTRIES);
        // A lookup reads one chunk: the entries of one high half never straddle two.
        while (end < count && sorted[3 * end] === sorted[3 * end - 3]) end++;
        insertChunk.run(run, sorted[3 * start]!, blobOf(sorted.subarray(3 * start, 3 * end)));
        start = end;
      }
      return savedRun(run, filter);
    },
  );

  return {
    load(kind) {
      // Runs that continue the revisions already covered (several writers may share the file:
      // overlapping runs only hold fingerprints twice, which is harmless).
      const runs: SavedRun[] = [];
      let revision = -1;
      let sites = '{}';
      for (const row of selectRuns.iterate(kind)) {
        if (row.after > revision || row.revision <= revision) continue;
        runs.push(savedRun(row.run, fingerprintFilterOf(wordsOf(row.filter))));
        revision = row.revision;
        sites = row.sites;
      }
      if (runs.length === 0) return undefined;
      return {
        revision,
        sites: new Map(Object.entries(JSON.parse(sites) as Record<string, number>)),
        runs,
      };
    },
    due: (folded) => folded >= everyRecords,
    save: (kind, after, revision, sites, entries) =>
      save.immediate(kind, after, revision, JSON.stringify(Object.fromEntries(sites)), entries),
  };
}

const NONE: number[] = [];
