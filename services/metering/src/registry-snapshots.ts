import type { Database } from 'better-sqlite3';
import type { RecordKind } from './record-claim.js';

/** A claim registry as saved: the fingerprints of claims up to `revision`, and where each site stream stands. */
export interface RestoredRegistry {
  revision: number;
  sites: Map<string, number>;
  /** Calls `add` with each saved fingerprint and its claim's revision. */
  forEach(add: (hi: number, lo: number, claim: number) => void): void;
}

/**
 * Snapshots of the claim registries in a local SQLite file, so that a restart folds only the
 * claims appended since the last one. Append-only runs: each save adds one row with the
 * fingerprints folded since the previous save, as (hi, lo, claim revision) 32-bit triplets; a
 * restart reads them back in order. A snapshot is a cache of the claim streams, never the truth:
 * a lost or missing one only makes the next start fold more of the stream.
 */
export interface RegistrySnapshots {
  load(kind: RecordKind): RestoredRegistry | undefined;
  /** Whether `folded` records since the last save are worth a new run. */
  due(folded: number): boolean;
  save(
    kind: RecordKind,
    after: number,
    revision: number,
    sites: ReadonlyMap<string, number>,
    entries: Uint32Array,
  ): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS metering_claim_runs (
  run INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  after INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  sites TEXT NOT NULL,
  entries BLOB NOT NULL
);
`;

interface RunRow {
  after: number;
  revision: number;
  sites: string;
  entries: Buffer;
}

export function createRegistrySnapshots(
  db: Database,
  options: { everyRecords?: number } = {},
): RegistrySnapshots {
  const everyRecords = options.everyRecords ?? 200_000;
  db.transaction(() => db.exec(SCHEMA)).immediate();
  const selectRuns = db.prepare<[string], RunRow>(
    'SELECT after, revision, sites, entries FROM metering_claim_runs WHERE kind = ? ORDER BY run',
  );
  const insertRun = db.prepare<[string, number, number, string, Buffer]>(
    'INSERT INTO metering_claim_runs (kind, after, revision, sites, entries) VALUES (?, ?, ?, ?, ?)',
  );

  return {
    load(kind) {
      // Runs that continue the revisions already covered (several writers may share the file:
      // overlapping runs only add fingerprints twice, which is harmless).
      const runs: RunRow[] = [];
      let revision = -1;
      let sites = '{}';
      for (const run of selectRuns.iterate(kind)) {
        if (run.after > revision || run.revision <= revision) continue;
        runs.push(run);
        revision = run.revision;
        sites = run.sites;
      }
      if (runs.length === 0) return undefined;
      return {
        revision,
        sites: new Map(Object.entries(JSON.parse(sites) as Record<string, number>)),
        forEach(add) {
          for (const run of runs) {
            // Copied: a blob's bytes need not start at a multiple of four.
            const entries = new Uint32Array(Uint8Array.from(run.entries).buffer);
            for (let i = 0; i < entries.length; i += 3)
              add(entries[i]!, entries[i + 1]!, entries[i + 2]!);
          }
        },
      };
    },
    due: (folded) => folded >= everyRecords,
    save(kind, after, revision, sites, entries) {
      insertRun.run(
        kind,
        after,
        revision,
        JSON.stringify(Object.fromEntries(sites)),
        Buffer.from(entries.buffer, entries.byteOffset, entries.byteLength),
      );
    },
  };
}
