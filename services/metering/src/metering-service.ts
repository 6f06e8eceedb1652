import type { Database } from 'better-sqlite3';
import {
  DomainError,
  badInput,
  conflict,
  isDomainError,
  type DomainErrorCode,
  type EnergyRecord,
  type GpuUsageRecord,
  toMs,
} from '@cadran/domain';
import { Sqlite, WrongExpectedRevisionError, type EventStore } from '@cadran/event-store';
import { createClaimRegistry, type ClaimRegistry, type ClaimedKind } from './claim-registry.js';
import {
  MAX_RECORDS_PER_CLAIM,
  claimEvent,
  claimStream,
  firstClaimedEventId,
  type RecordClaim,
} from './record-claim.js';
import { energyKind, usageKind, type RecordKindSpec } from './record-kinds.js';
import { createRegistrySnapshots, type RegistrySnapshots } from './registry-snapshots.js';
import { createReferenceView, type PairReference, type ReferenceView } from './reference-view.js';

export interface RecordRejection {
  /** 0-based position of the record in the call. */
  index: number;
  /** The record's id when it had a readable one. */
  id: string | null;
  code: DomainErrorCode;
  message: string;
}

export interface RecordResult {
  accepted: number;
  duplicates: number;
  rejected: RecordRejection[];
  /** Read models that reached this log position reflect the call. */
  lastPosition: bigint;
}

export interface MeteringService {
  recordGpuUsage(records: readonly unknown[]): Promise<RecordResult>;
  recordEnergy(records: readonly unknown[]): Promise<RecordResult>;
  /** Writes the registry and closes the connection it opened; the store stays open. */
  close(): Promise<void>;
}

export interface MeteringServiceOptions {
  store: EventStore;
  /**
   * Where snapshots of the record registry are kept (a local SQLite database, any store kind), so
   * that a restart folds only the claims appended since the last one. Without one (nor
   * `registryPath`), the registry is folded from the claim streams in full at the first call.
   */
  registryDb?: Database;
  /** A file for the registry snapshots, opened (and closed) by the service. */
  registryPath?: string;
  /**
   * Records folded between two snapshots: the registry holds these in memory (8 bytes each), the
   * ones before on disk behind a filter (2 bytes each). Default 500,000.
   */
  snapshotEveryRecords?: number;
  /** Rounds of catching up with other writers before a record is refused; default 20. */
  maxAttempts?: number;
}

type AnyRecord = GpuUsageRecord | EnergyRecord;

interface Candidate<R> {
  index: number;
  record: R;
  /** The record's content fields as one string: equal for the same record sent again. */
  content: string;
  /** The contract active at startedAt when the call began; null: unbilled. */
  contractId: string | null;
}

interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: RecordRejection[];
  lastPosition: bigint;
}

function openRegistryDb(
  options: MeteringServiceOptions,
): { db: Database; owned: boolean } | undefined {
  if (options.registryDb !== undefined) return { db: options.registryDb, owned: false };
  if (options.registryPath === undefined) return undefined;
  const db = new Sqlite(options.registryPath);
  db.pragma('journal_mode = WAL');
  // Snapshots are a cache of the claim streams: one lost to a power cut is folded again.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 30000');
  return { db, owned: true };
}

const contentOf = <R extends AnyRecord>(spec: RecordKindSpec<R>, record: R) =>
  spec.content(record).join('\u0000');

const claimedKind = <R extends AnyRecord>(spec: RecordKindSpec<R>): ClaimedKind => ({
  kind: spec.kind,
  eventType: spec.eventType,
  metadata: spec.metadata,
  recordIdOf: (data) => data.recordId as string,
  contentOf: (data) => contentOf(spec, spec.fromEventData(data)),
});

const idOf = (input: unknown): string | null => {
  const id =
    input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
};

const rejection = (index: number, id: string | null, error: DomainError): RecordRejection => ({
  index,
  id,
  code: error.code,
  message: error.message,
});

const otherContent = (recordId: string) =>
  conflict(
    `id: record ${recordId} is already recorded with other content; send the same content again, or use another id`,
    'id',
  );

/**
 * Two writers racing on one stream can keep beating each other to the next revision; a random
 * pause, growing with the attempt, lets one of them through.
 */
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));

export function createMeteringService(options: MeteringServiceOptions): MeteringService {
  const { store } = options;
  const maxAttempts = options.maxAttempts ?? 20;
  const registryDb = openRegistryDb(options);
  const snapshots: RegistrySnapshots | undefined =
    registryDb === undefined
      ? undefined
      : createRegistrySnapshots(registryDb.db, { everyRecords: options.snapshotEveryRecords });
  const registries: Record<'usage' | 'energy', ClaimRegistry> = {
    usage: createClaimRegistry(store, claimedKind(usageKind), snapshots),
    energy: createClaimRegistry(store, claimedKind(energyKind), snapshots),
  };
  const view: ReferenceView = createReferenceView(store);
  let tail: Promise<unknown> = Promise.resolve();

  /** Calls run one at a time: concurrent ones would only make each other retry. */
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };

  /**
   * Claims the records no claim holds yet (one append to the kind's claim stream, expecting the
   * revision the registry folded), then writes them to their site streams. Another writer's claim
   * in between makes the append fail: the registry folds it and the records are sorted out again.
   */
  const claimAndWrite = async <R extends AnyRecord>(
    spec: RecordKindSpec<R>,
    candidates: Candidate<R>[],
    outcome: Outcome,
  ): Promise<void> => {
    const registry = registries[spec.kind];
    const seen = (position: bigint) => {
      if (position > outcome.lastPosition) outcome.lastPosition = position;
    };
    let waiting = candidates;
    for (let attempt = 1; attempt <= maxAttempts && waiting.length > 0; attempt++) {
      if (attempt > 2) await backOff(attempt);
      await registry.catchUp();
      // Claims folded but not yet in their site stream (a writer that stopped in between): written first.
      seen(await registry.writePending());
      const fresh: Candidate<R>[] = [];
      for (const candidate of waiting) {
        const { recordId } = candidate.record;
        let verdict = registry.verdict(recordId, candidate.content);
        if (typeof verdict !== 'string') verdict = await verdict;
        if (verdict === 'fresh') fresh.push(candidate);
        else if (verdict === 'same') outcome.duplicates++;
        else outcome.rejected.push(rejection(candidate.index, recordId, otherContent(recordId)));
      }
      waiting = fresh;
      if (fresh.length === 0) return;

      const bySite = new Map<string, Candidate<R>[]>();
      for (const candidate of fresh) {
        const site = spec.stream(candidate.record.siteId);
        const list = bySite.get(site);
        if (list === undefined) bySite.set(site, [candidate]);
        else list.push(candidate);
      }
      const claims: RecordClaim[] = [];
      let revision = registry.revision;
      for (const [site, list] of bySite) {
        let after = await registry.siteRevision(site);
        for (let start = 0; start < list.length; start += MAX_RECORDS_PER_CLAIM) {
          const records = list
            .slice(start, start + MAX_RECORDS_PER_CLAIM)
            .map((candidate) => spec.toEvent(candidate.record, candidate.contractId).data);
          claims.push({
            revision: ++revision,
            site,
            after,
            firstEventId: firstClaimedEventId(),
            records,
          });
          after += records.length;
        }
      }
      try {
        await store.appendToStream(claimStream(spec.kind), claims.map(claimEvent), {
          expectedRevision: registry.revision < 0 ? 'no_stream' : BigInt(registry.revision),
        });
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) continue;
        throw error;
      }
      for (const claim of claims) registry.fold(claim);
      seen(await registry.writePending());
      outcome.accepted += fresh.length;
      registry.snapshot();
      return;
    }
    for (const candidate of waiting) {
      const { recordId } = candidate.record;
      const busy = conflict(
        `${claimStream(spec.kind)} kept changing under ${maxAttempts} attempts; record ${recordId} was not written, send it again`,
        'id',
      );
      outcome.rejected.push(rejection(candidate.index, recordId, busy));
    }
  };

  const record = async <R extends AnyRecord>(
    spec: RecordKindSpec<R>,
    inputs: readonly unknown[],
  ): Promise<RecordResult> => {
    if (!Array.isArray(inputs)) throw badInput('records', 'a list of records', inputs);
    const head = await store.headPosition();
    const outcome: Outcome = { accepted: 0, duplicates: 0, rejected: [], lastPosition: head };
    const refuse = (index: number, id: string | null, error: unknown) => {
      if (!isDomainError(error)) throw error;
      outcome.rejected.push(rejection(index, id, error));
    };

    const parsed: (R | undefined)[] = inputs.map((input, index) => {
      try {
        return spec.parse(input);
      } catch (error) {
        refuse(index, idOf(input), error);
        return undefined;
      }
    });
    // Each tenant and site the call names, looked up once from its streams as they are now.
    const references = new Map<string, PairReference>();
    for (const r of parsed) {
      const key = r === undefined ? undefined : `${r.tenantId}\u0000${r.siteId}`;
      if (key !== undefined && !references.has(key)) references.set(key, await view.lookUp(r!));
    }

    const inCall = new Map<string, string>();
    const candidates: Candidate<R>[] = [];
    parsed.forEach((r, index) => {
      if (r === undefined) return;
      const reference = references.get(`${r.tenantId}\u0000${r.siteId}`)!;
      try {
        spec.check(r, reference.context);
      } catch (error) {
        refuse(index, r.recordId, error);
        return;
      }
      const content = contentOf(spec, r);
      const earlier = inCall.get(r.recordId);
      if (earlier !== undefined) {
        if (earlier === content) outcome.duplicates++;
        else outcome.rejected.push(rejection(index, r.recordId, otherContent(r.recordId)));
        return;
      }
      inCall.set(r.recordId, content);
      candidates.push({
        index,
        record: r,
        content,
        contractId: reference.contractAt(toMs(r.startedAt)),
      });
    });
    if (candidates.length > 0) await claimAndWrite(spec, candidates, outcome);
    outcome.rejected.sort((a, b) => a.index - b.index);
    return outcome;
  };

  return {
    recordGpuUsage: (records) => serialize(() => record(usageKind, records)),
    recordEnergy: (records) => serialize(() => record(energyKind, records)),
    async close() {
      await tail;
      registries.usage.snapshot(true);
      registries.energy.snapshot(true);
      if (registryDb?.owned) registryDb.db.close();
    },
  };
}
