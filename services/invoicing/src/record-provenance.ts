import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { RecordProvenance } from '@cadran/billing';
import type { MeteredRecordView, ReadModelQueries } from '@cadran/projections';

/** The records behind one line: a contract's usage (of a model) or energy with a part in [from, to). */
export type RecordScope = {
  kind: 'usage' | 'energy';
  contractId: string;
  from: string;
  to: string;
  gpuModel?: string;
};

export type RecordPage = { records: MeteredRecordView[]; next: string | null };

/** Pages through the records of a scope, sorted by id, through the read models. */
export function pageRecords(
  queries: ReadModelQueries,
  scope: RecordScope,
  after: string | undefined,
  limit: number,
): RecordPage {
  const query = { contractId: scope.contractId, from: scope.from, to: scope.to, after, limit };
  const records =
    scope.kind === 'usage'
      ? queries.usageRecords({ ...query, gpuModel: scope.gpuModel })
      : queries.energyRecords(query);
  return { records, next: records.length === limit ? (records.at(-1)?.recordId ?? null) : null };
}

/** Ids per chunk: about 1.5 MB of text. */
const CHUNK = 65_536;

/**
 * Count and SHA-256 of the sorted ids joined by "\n" (billing's recordDigest), streamed in one
 * ordered scan of the projections' sorted ids, a chunk per call, each chunk joined and fed to the
 * hash at once: the ids are never held all at once.
 */
export function digestRecords(
  queries: Pick<ReadModelQueries, 'meteredRecordIds'>,
  scope: RecordScope,
  chunk = CHUNK,
): RecordProvenance {
  const hash = createHash('sha256');
  let count = 0;
  let after = '';
  for (;;) {
    const ids = queries.meteredRecordIds({ ...scope, after, limit: chunk });
    if (ids.length === 0) break;
    if (count > 0) hash.update('\n');
    hash.update(ids.join('\n'));
    count += ids.length;
    if (ids.length < chunk) break;
    after = ids[ids.length - 1]!;
  }
  return { recordCount: count, recordDigest: hash.digest('hex') };
}

export type DigestCache = {
  /**
   * Digest of the scope. `bucketCount` (the hourly buckets' record counts summed) keys the cache:
   * records are never removed, so any new record of the scope raises it.
   */
  digest(scope: RecordScope, bucketCount: number): RecordProvenance;
};

/**
 * Caches digests in the read-side database: records are append-only and never re-attributed, so
 * a scope that still holds as many records holds the same ones. A re-run or a re-pricing of an
 * earlier period does not read its records again.
 */
export function createDigestCache(db: Database, queries: ReadModelQueries): DigestCache {
  db.exec(`CREATE TABLE IF NOT EXISTS invoicing_record_digests (
    scope TEXT PRIMARY KEY,
    bucket_count INTEGER NOT NULL,
    record_count INTEGER NOT NULL,
    record_digest TEXT NOT NULL
  ) WITHOUT ROWID`);
  const select = db.prepare<
    [string],
    { bucket_count: number; record_count: number; record_digest: string }
  >(
    'SELECT bucket_count, record_count, record_digest FROM invoicing_record_digests WHERE scope = ?',
  );
  const upsert = db.prepare<[string, number, number, string]>(
    `INSERT INTO invoicing_record_digests (scope, bucket_count, record_count, record_digest) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET bucket_count = excluded.bucket_count, record_count = excluded.record_count,
       record_digest = excluded.record_digest`,
  );
  return {
    digest(scope, bucketCount) {
      const key = JSON.stringify([
        scope.kind,
        scope.contractId,
        scope.from,
        scope.to,
        scope.gpuModel ?? null,
      ]);
      const cached = select.get(key);
      if (cached && cached.bucket_count === bucketCount)
        return { recordCount: cached.record_count, recordDigest: cached.record_digest };
      const fresh = digestRecords(queries, scope);
      upsert.run(key, bucketCount, fresh.recordCount, fresh.recordDigest);
      return fresh;
    },
  };
}
