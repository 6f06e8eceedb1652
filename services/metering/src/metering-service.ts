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
import {
  EventIdConflictError,
  Sqlite,
  WrongExpectedRevisionError,
  type EventStore,
  type SqliteEventStore,
} from '@cadran/event-store';
import { contentDigest, recordEventId } from './record-identity.js';
import { energyKind, usageKind, type RecordKindSpec } from './record-kinds.js';
import {
  createRecordRegistry,
  type RecordRegistry,
  type RegistryEntry,
} from './record-registry.js';
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
   * Where the record registry lives. Default: the SQLite store's own file, through its
   * connection; else `registryPath`, which a store of another kind needs.
   */
  registryDb?: Database;
  registryPath?: string;
  /** Page cache of the connection it opens at `registryPath`; default 32 MB. */
  registryCacheMb?: number;
  /** Rounds of catching up with other writers before a record is refused; default 20. */
  maxAttempts?: number;
}

type AnyRecord = GpuUsageRecord | EnergyRecord;

interface Candidate<R> extends RegistryEntry {
  index: number;
  record: R;
  /** The contract active at startedAt when the call began; null: unbilled. */
  contractId: string | null;
}

interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: RecordRejection[];
  lastPosition: bigint;
}

const REGISTRY_PAGE = 10_000;

function openRegistryDb(options: MeteringServiceOptions): { db: Database; owned: boolean } {
  if (options.registryDb !== undefined) return { db: options.registryDb, owned: false };
  const storeDb = (options.store as Partial<SqliteEventStore>).database;
  if (options.registryPath === undefined) {
    // The store's own connection: a second one on the file would find its page cache stale after
    // every append (SQLite drops a connection's cache when another one wrote) and read it again.
    if (storeDb !== undefined) return { db: storeDb, owned: false };
    throw new Error(
      'metering: registryPath is required with an event store that is not SQLite (a local SQLite file for the record registry)',
    );
  }
  const db = new Sqlite(options.registryPath);
  db.pragma('journal_mode = WAL');
  // The registry is a cache of the log: a commit lost to a power cut is caught up from the stream.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 30000');
  db.pragma(`cache_size = -${Math.round((options.registryCacheMb ?? 32) * 1024)}`);
  return { db, owned: true };
}

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
  const { db, owned } = openRegistryDb(options);
  const registry: RecordRegistry = createRecordRegistry(db);
  const view: ReferenceView = createReferenceView(store);
  let tail: Promise<unknown> = Promise.resolve();

  /** Calls run one at a time: concurrent ones would only make each other retry. */
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };

  /** Reads the stream past the registry's revision into the registry; returns how many events it read. */
  const catchUpRegistry = async <R extends AnyRecord>(
    spec: RecordKindSpec<R>,
    stream: string,
  ): Promise<number> => {
    let read = 0;
    for (;;) {
      const from = registry.revision(stream);
      const events = await store.readStream(stream, {
        fromRevision: from === undefined ? 0n : from + 1n,
        maxCount: REGISTRY_PAGE,
      });
      const last = events.at(-1);
      if (last === undefined) return read;
      const entries = events
        .filter((event) => event.type === spec.eventType)
        .map((event) => {
          const record = spec.fromEventData(event.data);
          return {
            eventId: recordEventId(spec.kind, record.recordId),
            digest: contentDigest(spec.content(record)),
          };
        });
      registry.apply(stream, from, last.streamRevision, entries);
      read += events.length;
      if (events.length < REGISTRY_PAGE) return read;
    }
  };

  const appendToSite = async <R extends AnyRecord>(
    spec: RecordKindSpec<R>,
    stream: string,
    candidates: Candidate<R>[],
    outcome: Outcome,
  ): Promise<void> => {
    let pending = candidates;
    // The first attempt does not ask the registry: the log refuses a known id anyway, and records
    // sent again are rare. Once the log has refused one, every attempt sorts them out first.
    let sortOut = false;
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 2) await backOff(attempt);
      const from = registry.revision(stream);
      let fresh = pending;
      if (sortOut) {
        fresh = [];
        for (const candidate of pending) {
          const known = registry.digest(candidate.eventId);
          if (known === undefined) fresh.push(candidate);
          else if (known === candidate.digest) outcome.duplicates++;
          else
            outcome.rejected.push(
              rejection(
                candidate.index,
                candidate.record.recordId,
                otherContent(candidate.record.recordId),
              ),
            );
        }
        pending = fresh;
        if (fresh.length === 0) return;
      }
      const events = fresh.map((candidate) => ({
        id: candidate.eventId,
        ...spec.toEvent(candidate.record, candidate.contractId),
      }));
      try {
        const result = await store.appendToStream(stream, events, {
          expectedRevision: from ?? 'no_stream',
        });
        if (result.written === fresh.length) {
          registry.apply(stream, from, result.nextExpectedRevision, fresh);
          outcome.accepted += fresh.length;
          if (result.lastPosition > outcome.lastPosition)
            outcome.lastPosition = result.lastPosition;
          return;
        }
        // Written 0: every one was already in the log, appended by a writer the registry had not followed.
        await catchUpRegistry(spec, stream);
        sortOut = true;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          await catchUpRegistry(spec, stream);
          sortOut = true;
        } else if (error instanceof EventIdConflictError) {
          const learnt = await catchUpRegistry(spec, stream);
          if (learnt === 0 && sortOut) {
            // The registry was in step with this stream: the id is in the log under another site.
            const taken = fresh.find(
              (candidate) => candidate.eventId === error.eventId.toLowerCase(),
            );
            if (taken === undefined) throw error;
            outcome.rejected.push(
              rejection(taken.index, taken.record.recordId, otherContent(taken.record.recordId)),
            );
            pending = fresh.filter((candidate) => candidate !== taken);
          }
          sortOut = true;
        } else {
          throw error;
        }
      }
    }
    for (const candidate of pending) {
      const busy = conflict(
        `${stream} kept changing under ${maxAttempts} attempts; record ${candidate.record.recordId} was not written, send it again`,
        'id',
      );
      outcome.rejected.push(rejection(candidate.index, candidate.record.recordId, busy));
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

    const inCall = new Map<string, Candidate<R>>();
    const bySite = new Map<string, Candidate<R>[]>();
    parsed.forEach((r, index) => {
      if (r === undefined) return;
      const reference = references.get(`${r.tenantId}\u0000${r.siteId}`)!;
      try {
        spec.check(r, reference.context);
      } catch (error) {
        refuse(index, r.recordId, error);
        return;
      }
      const digest = contentDigest(spec.content(r));
      const earlier = inCall.get(r.recordId);
      if (earlier !== undefined) {
        if (earlier.digest === digest) outcome.duplicates++;
        else outcome.rejected.push(rejection(index, r.recordId, otherContent(r.recordId)));
        return;
      }
      const contractId = reference.contractAt(toMs(r.startedAt));
      const candidate = {
        index,
        record: r,
        eventId: recordEventId(spec.kind, r.recordId),
        digest,
        contractId,
      };
      inCall.set(r.recordId, candidate);
      const site = bySite.get(r.siteId);
      if (site === undefined) bySite.set(r.siteId, [candidate]);
      else site.push(candidate);
    });
    for (const [siteId, candidates] of bySite)
      await appendToSite(spec, spec.stream(siteId), candidates, outcome);
    outcome.rejected.sort((a, b) => a.index - b.index);
    return outcome;
  };

  return {
    recordGpuUsage: (records) => serialize(() => record(usageKind, records)),
    recordEnergy: (records) => serialize(() => record(energyKind, records)),
    async close() {
      await tail;
      registry.flush();
      if (owned) db.close();
    },
  };
}
