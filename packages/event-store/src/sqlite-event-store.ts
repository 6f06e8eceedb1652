import type { Database } from 'better-sqlite3';
import { Sqlite } from './sqlite-driver.js';
import { parse as uuidBytes } from 'uuid';
import { uuidV7Bytes } from './uuid-v7-bytes.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
} from './event-store.js';
import { EventIdConflictError, WrongExpectedRevisionError } from './errors.js';
import {
  configureConnection,
  migrateEventStoreSchema,
  type SynchronousMode,
} from './sqlite-schema.js';
import { checkAppend, checkCount, checkPosition, checkStreamName } from './validation.js';
import { notifyCommit, onCommit } from './commit-notifier.js';
import { startPollingSubscription } from './polling-subscription.js';
import type { EventPredicate } from './subscription-filter.js';

export type SqliteEventStoreOptions = (
  { path: string; db?: never } | { db: Database; path?: never }
) & {
  /** Default FULL: a committed append survives power loss. NORMAL may lose the last commits on power loss. */
  synchronous?: SynchronousMode;
  /** How often live subscriptions look for commits made by other processes. Default 100 ms. */
  pollIntervalMs?: number;
};

export interface SqliteEventStore extends EventStore {
  /** The underlying connection: a read model in the same file can commit output and checkpoint in one transaction. */
  readonly database: Database;
}

/** [position, stream_key, revision, lower(hex(id)), type, data, metadata]: hex text because a Buffer per row halves read speed. */
type EventRow = [number, number, number, string, string, string, string];

const uuidFromHex = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/**
 * Events of one append share their metadata text, so consecutive rows usually repeat it: parse it
 * once and hand each event its own shallow copy (only when every value is a primitive).
 */
function createMetadataParser(): (text: string) => EventMetadata {
  let lastText = '';
  let last: EventMetadata | undefined;
  return (text) => {
    if (text === lastText && last !== undefined) return { ...last };
    const parsed = JSON.parse(text) as EventMetadata;
    const flat = Object.values(parsed).every(
      (value) => typeof value !== 'object' || value === null,
    );
    lastText = flat ? text : '';
    last = flat ? parsed : undefined;
    return flat ? { ...parsed } : parsed;
  };
}

interface PreparedRow {
  id: Uint8Array;
  /** Set when the caller gave the id: only those can be re-appends. */
  givenId: string | undefined;
  type: string;
  data: string;
  metadata: string;
  /** The metadata as the caller gave it, without a store-assigned recordedAt: what a re-append must match. */
  givenMetadata: EventMetadata | undefined;
}

const NO_LIMIT = -1;
const INSERT_CHUNK = 50;
const LAST_REVISION = Number.MAX_SAFE_INTEGER;

export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const ownsDatabase = options.db === undefined;
  const db = options.db ?? new Sqlite(options.path);
  configureConnection(db, options.synchronous ?? 'FULL');
  migrateEventStoreSchema(db);
  const file = db.name;
  const pollIntervalMs = options.pollIntervalMs ?? 100;

  const selectStream = db.prepare<[string], { stream_key: number; revision: number }>(
    'SELECT stream_key, revision FROM streams WHERE name = ?',
  );
  const selectStreamName = db
    .prepare<[number], string>('SELECT name FROM streams WHERE stream_key = ?')
    .pluck();
  const insertStream = db.prepare<[string, number]>(
    'INSERT INTO streams (name, revision) VALUES (?, ?)',
  );
  const updateStream = db.prepare<[number, number]>(
    'UPDATE streams SET revision = ? WHERE stream_key = ?',
  );
  const insertEvent = db.prepare<[number, number, Uint8Array, string, string, string]>(
    'INSERT INTO events (stream_key, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Many rows per INSERT statement: fewer statement steps per event on large appends.
  const insertChunk = db.prepare<[unknown[]]>(
    `INSERT INTO events (stream_key, revision, id, type, data, metadata) VALUES ${Array(INSERT_CHUNK).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
  );
  const selectById = db
    .prepare<[Uint8Array], EventRow>(
      'SELECT position, stream_key, revision, lower(hex(id)), type, data, metadata FROM events WHERE id = ?',
    )
    .raw();
  const selectAfter = db
    .prepare<[number, number], EventRow>(
      'SELECT position, stream_key, revision, lower(hex(id)), type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  const selectForwards = db
    .prepare<[number, number, number], EventRow>(
      'SELECT position, stream_key, revision, lower(hex(id)), type, data, metadata FROM events WHERE stream_key = ? AND revision >= ? ORDER BY revision LIMIT ?',
    )
    .raw();
  const selectBackwards = db
    .prepare<[number, number, number], EventRow>(
      'SELECT position, stream_key, revision, lower(hex(id)), type, data, metadata FROM events WHERE stream_key = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    )
    .raw();
  const selectHead = db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();

  const streamNames = new Map<number, string>();
  const streamNameOf = (key: number): string => {
    let name = streamNames.get(key);
    if (name === undefined) {
      name = selectStreamName.get(key) ?? '';
      streamNames.set(key, name);
    }
    return name;
  };

  const parseMetadata = createMetadataParser();
  const toEvent = (row: EventRow): RecordedEvent => ({
    id: uuidFromHex(row[3]),
    streamName: streamNameOf(row[1]),
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: parseMetadata(row[6]),
    streamRevision: BigInt(row[2]),
    globalPosition: BigInt(row[0]),
  });

  const prepareRows = (events: EventToAppend[]): PreparedRow[] => {
    const recordedAt = new Date().toISOString();
    const defaultMetadata = JSON.stringify({ recordedAt });
    const generated = uuidV7Bytes(events.filter((event) => event.id === undefined).length);
    let nextGenerated = 0;
    const seen = new Set<string>();
    let lastGiven: EventMetadata | undefined;
    let lastMetadata = defaultMetadata;
    return events.map((event) => {
      let id: Uint8Array;
      if (event.id === undefined) {
        id = generated[nextGenerated++]!;
      } else {
        const lower = event.id.toLowerCase();
        if (seen.has(lower))
          throw new EventIdConflictError(event.id, '', 'appears twice in one append');
        seen.add(lower);
        id = uuidBytes(event.id);
      }
      const given = event.metadata;
      // Events of one append often share one metadata object: written out once.
      if (given !== lastGiven) {
        lastGiven = given;
        lastMetadata =
          given === undefined
            ? defaultMetadata
            : JSON.stringify(given.recordedAt === undefined ? { ...given, recordedAt } : given);
      }
      return {
        id,
        givenId: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: lastMetadata,
        givenMetadata: given,
      };
    });
  };

  /** The original result when every event is already in the stream; undefined when none is. */
  const findReappend = (streamName: string, rows: PreparedRow[]): AppendResult | undefined => {
    let found: EventRow | undefined;
    let foundCount = 0;
    let firstMissing: PreparedRow | undefined;
    for (const row of rows) {
      if (row.givenId === undefined) {
        firstMissing ??= row;
        continue;
      }
      const stored = selectById.get(row.id);
      if (stored === undefined) {
        firstMissing ??= row;
        continue;
      }
      if (streamNameOf(stored[1]) !== streamName) {
        throw new EventIdConflictError(
          row.givenId,
          streamName,
          `already appended to stream "${streamNameOf(stored[1])}"`,
        );
      }
      const storedMetadata = JSON.parse(stored[6]) as Record<string, unknown>;
      const comparable = JSON.parse(JSON.stringify(row.givenMetadata ?? {})) as Record<
        string,
        unknown
      >;
      if (comparable.recordedAt === undefined) delete storedMetadata.recordedAt;
      if (
        stored[4] !== row.type ||
        stored[5] !== row.data ||
        JSON.stringify(storedMetadata) !== JSON.stringify(comparable)
      ) {
        throw new EventIdConflictError(
          row.givenId,
          streamName,
          'already appended with different type, data or metadata',
        );
      }
      found = stored;
      foundCount++;
    }
    if (foundCount === 0 || found === undefined) return undefined;
    if (firstMissing !== undefined) {
      throw new EventIdConflictError(
        firstMissing.givenId ?? '(generated)',
        streamName,
        `${foundCount} of the ${rows.length} events of this append are already in the stream; re-append all of them or none`,
      );
    }
    return { nextExpectedRevision: BigInt(found[2]), lastPosition: BigInt(found[0]), written: 0 };
  };

  const checkExpected = (
    streamName: string,
    expected: ExpectedRevision,
    current: number | undefined,
  ) => {
    const actual = current === undefined ? 'no_stream' : BigInt(current);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && actual === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamName, expected, actual);
  };

  /** Thrown inside the append transaction (which rolls it back) when an event id is already in the log. */
  const knownId = Symbol('known event id');
  const isIdConstraint = (error: unknown) =>
    error instanceof Sqlite.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.id');

  const insertRows = (
    key: number,
    from: number,
    rows: PreparedRow[],
  ): { revision: number; position: number } => {
    let revision = from;
    let position = 0;
    let next = 0;
    const chunkParams: unknown[] = [];
    for (; next + INSERT_CHUNK <= rows.length; next += INSERT_CHUNK) {
      chunkParams.length = 0;
      for (let i = next; i < next + INSERT_CHUNK; i++) {
        const row = rows[i]!;
        chunkParams.push(key, ++revision, row.id, row.type, row.data, row.metadata);
      }
      position = Number(insertChunk.run(chunkParams).lastInsertRowid);
    }
    for (; next < rows.length; next++) {
      const row = rows[next]!;
      position = Number(
        insertEvent.run(key, ++revision, row.id, row.type, row.data, row.metadata).lastInsertRowid,
      );
    }
    return { revision, position };
  };

  /**
   * Inserts without looking the ids up first (a lookup per event costs as much as the insert on
   * random ids): the unique id index refuses a known one, and only then is the append compared
   * with what the log holds. A wrong expected revision also looks, as the re-append of an append
   * that succeeded is answered with its original result whatever the stream's revision now.
   */
  const append = db.transaction(
    (streamName: string, rows: PreparedRow[], expected: ExpectedRevision): AppendResult => {
      const hasGivenIds = rows.some((row) => row.givenId !== undefined);
      const stream = selectStream.get(streamName);
      try {
        checkExpected(streamName, expected, stream?.revision);
      } catch (error) {
        const original = hasGivenIds ? findReappend(streamName, rows) : undefined;
        if (original !== undefined) return original;
        throw error;
      }
      const key = stream?.stream_key ?? Number(insertStream.run(streamName, -1).lastInsertRowid);
      let inserted: { revision: number; position: number };
      try {
        inserted = insertRows(key, stream?.revision ?? -1, rows);
      } catch (error) {
        if (hasGivenIds && isIdConstraint(error)) throw knownId;
        throw error;
      }
      updateStream.run(inserted.revision, key);
      return {
        nextExpectedRevision: BigInt(inserted.revision),
        lastPosition: BigInt(inserted.position),
        written: rows.length,
      };
    },
  );

  const reappend = db.transaction((streamName: string, rows: PreparedRow[]): AppendResult => {
    const original = findReappend(streamName, rows);
    if (original === undefined)
      throw new Error(
        `event store: an event id of this append to "${streamName}" was refused as known, then not found`,
      );
    return original;
  });

  const appendRows = (
    streamName: string,
    rows: PreparedRow[],
    expected: ExpectedRevision,
  ): AppendResult => {
    try {
      return append.immediate(streamName, rows, expected);
    } catch (error) {
      if (error === knownId) return reappend.immediate(streamName, rows);
      throw error;
    }
  };

  const readPage = (after: bigint, limit: number, predicate: EventPredicate | undefined) => {
    const rows = selectAfter.all(Number(after), limit);
    const last = rows[rows.length - 1];
    const kept =
      predicate === undefined
        ? rows
        : rows.filter((row) => predicate(streamNameOf(row[1]), row[4]));
    return {
      events: kept.map(toEvent),
      lastPosition: last === undefined ? undefined : BigInt(last[0]),
      read: rows.length,
    };
  };

  const subscriptions = new Set<{ stop(): Promise<void> }>();
  let closed = false;

  return {
    database: db,

    async appendToStream(streamName, events, appendOptions) {
      const expected = checkAppend(streamName, events, appendOptions);
      let rows: PreparedRow[];
      try {
        rows = prepareRows(events);
      } catch (error) {
        if (error instanceof EventIdConflictError)
          throw new EventIdConflictError(error.eventId, streamName, error.reason);
        throw error;
      }
      const result = appendRows(streamName, rows, expected);
      if (result.written > 0) notifyCommit(file);
      return result;
    },

    async readStream(streamName, readOptions: ReadStreamOptions = {}) {
      checkStreamName(streamName);
      checkPosition('fromRevision', readOptions.fromRevision);
      checkCount('maxCount', readOptions.maxCount);
      const stream = selectStream.get(streamName);
      if (stream === undefined) return [];
      const limit = readOptions.maxCount ?? NO_LIMIT;
      const rows =
        readOptions.direction === 'backwards'
          ? selectBackwards.all(
              stream.stream_key,
              Number(readOptions.fromRevision ?? BigInt(LAST_REVISION)),
              limit,
            )
          : selectForwards.all(stream.stream_key, Number(readOptions.fromRevision ?? 0n), limit);
      return rows.map(toEvent);
    },

    async readAll(readOptions: ReadAllOptions = {}) {
      checkPosition('after', readOptions.after);
      checkCount('maxCount', readOptions.maxCount);
      return selectAfter
        .all(Number(readOptions.after ?? -1n), readOptions.maxCount ?? 1000)
        .map(toEvent);
    },

    async headPosition() {
      const head = selectHead.get();
      return head === null || head === undefined ? -1n : BigInt(head);
    },

    subscribeToAll(subscribeOptions) {
      const subscription = startPollingSubscription(
        { readPage, onCommit: (listener) => onCommit(file, listener), pollIntervalMs },
        subscribeOptions,
      );
      const tracked = {
        ...subscription,
        get checkpoint() {
          return subscription.checkpoint;
        },
        stop: async () => {
          subscriptions.delete(tracked);
          await subscription.stop();
        },
      };
      subscriptions.add(tracked);
      return tracked;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      if (ownsDatabase) db.close();
    },
  };
}
