import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type JsonObject,
} from '@cadran/event-store';
import { createFingerprintTable, fingerprintOf } from './fingerprint-table.js';
import { claimFromEvent, claimStream, claimedEventId, type RecordClaim } from './record-claim.js';
import type { RecordKind } from './record-claim.js';
import type { RegistrySnapshots, SavedRun } from './registry-snapshots.js';

/** What the registry needs to know of a kind of record. */
export interface ClaimedKind {
  kind: RecordKind;
  eventType: string;
  metadata: EventMetadata;
  recordIdOf(data: JsonObject): string;
  /** The record's content (every field but the contract it was attributed to), as one string. */
  contentOf(data: JsonObject): string;
}

export type Verdict = 'fresh' | 'same' | 'other';

/**
 * The fold of one claim stream: which record ids are claimed (a fingerprint table of the records
 * folded since the last snapshot, and the snapshot runs before them, each hit confirmed against
 * the claims themselves), where each site stream's next records go, and which claims are
 * not yet known to be written to their site stream. Rebuilt from the claim stream (and its
 * snapshots) after a restart or a crash; never trusted beyond the revision it folded: a claim is
 * appended with that revision expected.
 */
export interface ClaimRegistry {
  /** Revision of the last claim folded; -1 before the first. */
  readonly revision: number;
  /** Records whose fingerprints are held in memory: those folded since the last snapshot. */
  readonly inMemory: number;
  /** Folds the claims appended since. */
  catchUp(): Promise<void>;
  /** Whether a claim already holds the record id, and with the same content. */
  verdict(recordId: string, content: string): Verdict | Promise<Verdict>;
  /** The revision of the site stream's last event once every claim folded is written. */
  siteRevision(site: string): Promise<number>;
  /** Folds a claim this writer appended. */
  fold(claim: RecordClaim): void;
  /**
   * Writes every folded claim not known to be in its site stream, site by site in claim order;
   * resolves to the greatest log position written or found.
   */
  writePending(): Promise<bigint>;
  /** Saves a snapshot when enough records were folded since the last one (and none is pending). */
  snapshot(force?: boolean): void;
}

const PAGE = 16;
const CACHED_CLAIMS = 16;

export function createClaimRegistry(
  store: EventStore,
  kind: ClaimedKind,
  snapshots: RegistrySnapshots | undefined,
): ClaimRegistry {
  const stream = claimStream(kind.kind);
  /** The records folded since the last snapshot (all of them without snapshots). */
  let table = createFingerprintTable();
  /** The records folded before, in the snapshots' runs, newest first. */
  const runs: SavedRun[] = [];
  const fp = { hi: 0, lo: 0 };
  let revision = -1;
  /** Site stream → revision of its last event once every folded claim is written. */
  const siteRevisions = new Map<string, number>();
  /** Site stream → its claims not known to be written, in claim order. */
  const pending = new Map<string, RecordClaim[]>();
  /** Claim revision → record id → content, for the claims last confirmed against. */
  const confirmed = new Map<number, Map<string, string>>();
  /** (hi, lo, claim revision) of every record folded since the last snapshot. */
  let unsaved = new Uint32Array(3 * 4096);
  let unsavedCount = 0;
  let savedRevision = -1;

  const restored = snapshots?.load(kind.kind);
  if (restored !== undefined) {
    revision = restored.revision;
    savedRevision = revision;
    for (const [site, at] of restored.sites) siteRevisions.set(site, at);
    runs.push(...restored.runs.reverse());
  }

  const siteHead = async (site: string): Promise<number> => {
    const [last] = await store.readStream(site, { direction: 'backwards', maxCount: 1 });
    return last === undefined ? -1 : Number(last.streamRevision);
  };

  const fold = (claim: RecordClaim) => {
    for (const data of claim.records) {
      fingerprintOf(kind.recordIdOf(data), fp);
      table.add(fp.hi, fp.lo, claim.revision);
      if (snapshots !== undefined) {
        if (3 * unsavedCount === unsaved.length) {
          const larger = new Uint32Array(unsaved.length * 2);
          larger.set(unsaved);
          unsaved = larger;
        }
        unsaved[3 * unsavedCount] = fp.hi;
        unsaved[3 * unsavedCount + 1] = fp.lo;
        unsaved[3 * unsavedCount + 2] = claim.revision;
        unsavedCount++;
      }
    }
    siteRevisions.set(claim.site, claim.after + claim.records.length);
    const queue = pending.get(claim.site);
    if (queue === undefined) pending.set(claim.site, [claim]);
    else queue.push(claim);
    revision = claim.revision;
  };

  /** Drops the pending claims their site stream already holds (written by whichever writer). */
  const settle = async () => {
    for (const [site, queue] of pending) {
      const head = await siteHead(site);
      while (queue.length > 0 && queue[0]!.after + queue[0]!.records.length <= head) queue.shift();
      if (queue.length === 0) pending.delete(site);
    }
  };

  const claimedRecords = async (claimRevision: number): Promise<Map<string, string>> => {
    let records = confirmed.get(claimRevision);
    if (records !== undefined) return records;
    const [event] = await store.readStream(stream, {
      fromRevision: BigInt(claimRevision),
      maxCount: 1,
    });
    if (event === undefined) throw new Error(`metering: ${stream} has no claim ${claimRevision}`);
    records = new Map();
    for (const data of claimFromEvent(event).records)
      records.set(kind.recordIdOf(data), kind.contentOf(data));
    if (confirmed.size >= CACHED_CLAIMS) confirmed.delete(confirmed.keys().next().value!);
    confirmed.set(claimRevision, records);
    return records;
  };

  const confirm = async (recordId: string, content: string, claims: number[]) => {
    for (const claim of claims) {
      const held = (await claimedRecords(claim)).get(recordId);
      if (held !== undefined) return held === content ? 'same' : 'other';
    }
    return 'fresh';
  };

  const write = async (claim: RecordClaim): Promise<bigint> => {
    const events = claim.records.map((data, index) => ({
      id: claimedEventId(claim.firstEventId, index),
      type: kind.eventType,
      data,
      metadata: kind.metadata,
    }));
    try {
      const result = await store.appendToStream(claim.site, events, {
        expectedRevision: claim.after < 0 ? 'no_stream' : BigInt(claim.after),
      });
      return result.lastPosition;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another writer wrote this claim first (on a store that refuses rather than recognises a
      // re-append); anything else at those revisions was written outside the claims.
      const last = claim.after + events.length;
      const [first] = await store.readStream(claim.site, {
        fromRevision: BigInt(claim.after + 1),
        maxCount: 1,
      });
      const [end] = await store.readStream(claim.site, { fromRevision: BigInt(last), maxCount: 1 });
      if (first?.id !== events[0]!.id || end?.id !== events[events.length - 1]!.id)
        throw new Error(
          `metering: ${claim.site} should hold claim ${claim.revision} of ${stream} at revisions ${claim.after + 1} to ${last}, but holds other events there: only metering's claims may append to it`,
        );
      return end.globalPosition;
    }
  };

  const snapshot = (force = false) => {
    if (snapshots === undefined || pending.size > 0) return;
    if (unsavedCount === 0 || (!force && !snapshots.due(unsavedCount))) return;
    const run = snapshots.save(
      kind.kind,
      savedRevision,
      revision,
      siteRevisions,
      unsaved.subarray(0, 3 * unsavedCount),
    );
    runs.unshift(run);
    table = createFingerprintTable();
    savedRevision = revision;
    unsaved = new Uint32Array(3 * 4096);
    unsavedCount = 0;
  };

  return {
    get revision() {
      return revision;
    },
    get inMemory() {
      return table.size;
    },
    async catchUp() {
      for (;;) {
        const events = await store.readStream(stream, {
          fromRevision: BigInt(revision + 1),
          maxCount: PAGE,
        });
        for (const event of events) fold(claimFromEvent(event));
        if (pending.size > 0) await settle();
        // Folding a long stream (a lost snapshot file) keeps memory bounded all the same.
        snapshot();
        if (events.length < PAGE) return;
      }
    },
    verdict(recordId, content) {
      fingerprintOf(recordId, fp);
      let claims = table.candidates(fp.hi, fp.lo);
      for (const run of runs) {
        const held = run.claimsOf(fp.hi, fp.lo);
        if (held.length > 0) claims = [...claims, ...held];
      }
      return claims.length === 0 ? 'fresh' : confirm(recordId, content, claims);
    },
    async siteRevision(site) {
      let at = siteRevisions.get(site);
      if (at === undefined) {
        at = await siteHead(site);
        siteRevisions.set(site, at);
      }
      return at;
    },
    fold,
    async writePending() {
      let lastPosition = -1n;
      for (const [site, queue] of pending) {
        while (queue.length > 0) {
          const position = await write(queue[0]!);
          if (position > lastPosition) lastPosition = position;
          queue.shift();
        }
        pending.delete(site);
      }
      return lastPosition;
    },
    snapshot,
  };
}
