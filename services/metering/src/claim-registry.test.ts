import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sqlite, createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createClaimRegistry, type ClaimRegistry, type ClaimedKind } from './claim-registry.js';
import { claimEvent, claimStream, firstClaimedEventId } from './record-claim.js';
import { createRegistrySnapshots } from './registry-snapshots.js';
import { tempDir } from './reference-data.test-support.js';

/** A kind whose records are `{ recordId, n }`: enough for the registry, which never parses them. */
const kind: ClaimedKind = {
  kind: 'usage',
  eventType: 'GpuUsageRecorded',
  metadata: {},
  recordIdOf: (data) => data.recordId as string,
  contentOf: (data) => String(data.n),
};
const SITE = 'usage-bru-1';
const EVERY = 1_000;
const CLAIMS = 24;
const PER_CLAIM = 250;

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
const dbs: Database[] = [];

const snapshotsIn = (name: string) => {
  const db = new Sqlite(temp.file(name));
  dbs.push(db);
  return createRegistrySnapshots(db, { everyRecords: EVERY });
};
const record = (n: number) => ({ recordId: `r-${n}`, n });

/** Claims and writes CLAIMS claims of PER_CLAIM records as a writer does, call after call. */
async function claimAll(registry: ClaimRegistry, afterEachCall: () => void) {
  for (let c = 0; c < CLAIMS; c++) {
    await registry.catchUp();
    const records = Array.from({ length: PER_CLAIM }, (_, i) => record(c * PER_CLAIM + i));
    const claim = {
      site: SITE,
      after: c * PER_CLAIM - 1,
      firstEventId: firstClaimedEventId(),
      records,
    };
    await store.appendToStream(claimStream('usage'), [claimEvent(claim)], {
      expectedRevision: c === 0 ? 'no_stream' : BigInt(c - 1),
    });
    registry.fold({ ...claim, revision: c });
    await registry.writePending();
    registry.snapshot();
    afterEachCall();
  }
}

/** What the registry answers for every record claimed, the same ids with other content, and new ids. */
async function verdicts(registry: ClaimRegistry) {
  const answers = { same: 0, other: 0, fresh: 0 };
  for (let n = 0; n < CLAIMS * PER_CLAIM; n++) {
    answers[await registry.verdict(`r-${n}`, String(n))]++;
    answers[await registry.verdict(`r-${n}`, 'other')]++;
    answers[await registry.verdict(`new-${n}`, String(n))]++;
  }
  return answers;
}
const knowsEveryRecord = {
  same: CLAIMS * PER_CLAIM,
  other: CLAIMS * PER_CLAIM,
  fresh: CLAIMS * PER_CLAIM,
};

beforeEach(() => {
  temp = tempDir();
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
});

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  await store.close();
  temp.remove();
});

describe('claim registry with snapshots', () => {
  it('holds in memory only the records folded since its last snapshot, and still knows every record', async () => {
    const registry = createClaimRegistry(store, kind, snapshotsIn('registry.db'));
    let most = 0;
    await claimAll(registry, () => (most = Math.max(most, registry.inMemory)));
    expect(most).toBeLessThan(EVERY + PER_CLAIM);
    expect(registry.inMemory).toBeLessThan(EVERY);
    expect(await verdicts(registry)).toEqual(knowsEveryRecord);
  });

  it('restarts from its runs with nothing in memory, and knows every record', async () => {
    const first = createClaimRegistry(store, kind, snapshotsIn('registry.db'));
    await claimAll(first, () => undefined);
    first.snapshot(true);

    const again = createClaimRegistry(store, kind, snapshotsIn('registry.db'));
    expect(again.revision).toBe(CLAIMS - 1);
    expect(again.inMemory).toBe(0);
    await again.catchUp();
    expect(again.inMemory).toBe(0);
    expect(await verdicts(again)).toEqual(knowsEveryRecord);
  });

  it('folds a whole claim stream (its snapshot file lost) without holding it all in memory', async () => {
    await claimAll(createClaimRegistry(store, kind, undefined), () => undefined);

    const rebuilt = createClaimRegistry(store, kind, snapshotsIn('new-registry.db'));
    await rebuilt.catchUp();
    expect(rebuilt.revision).toBe(CLAIMS - 1);
    // At most one page of claims past a snapshot.
    expect(rebuilt.inMemory).toBeLessThan(EVERY + 16 * PER_CLAIM);
    expect(rebuilt.inMemory).toBeLessThan(CLAIMS * PER_CLAIM - EVERY);
    expect(await verdicts(rebuilt)).toEqual(knowsEveryRecord);
  });
});
