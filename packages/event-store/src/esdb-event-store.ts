import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NotLeaderError as ClientNotLeaderError,
  START,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { v7 as uuidV7 } from 'uuid';
import type { EventStore, RecordedEvent, Subscription } from './event-store.js';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  NotLeaderError,
  StoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from './errors.js';
import { checkAppend, checkCount, checkPosition, checkStreamName } from './validation.js';
import { compileFilter } from './subscription-filter.js';
import {
  DEFAULT_RESUME_DELAYS,
  startEsdbSubscription,
  type ResumeDelays,
} from './esdb-subscription.js';
import { commitOf, toRecordedEvent } from './esdb-recorded-event.js';

/** EventStoreDB's default MaxAppendSize (ClusterVNodeOptions), counted over the events' data bytes. */
export const ESDB_DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export interface EsdbEventStoreOptions {
  /** e.g. esdb://node1:2113,node2:2113,node3:2113?tls=false */
  connectionString: string;
  /** The server's EVENTSTORE_MAX_APPEND_SIZE; larger appends are refused before they are sent. */
  maxAppendSize?: number;
  /** Longest a read may take (the client sets none); then it is cancelled. Default 30 s. */
  readTimeoutMs?: number;
  /** Pauses before a dropped subscription is opened again. */
  resumeDelays?: ResumeDelays;
}

const positionAt = (commit: bigint): Position => ({ commit, prepare: commit });
const HEAD_PAGE = 100;
const NOT_LEADER_RETRY_MS = 50;

const leaderOf = (error: ClientNotLeaderError) =>
  error.leader ? `${error.leader.address}:${error.leader.port}` : undefined;

const isUnavailable = (error: unknown) =>
  error instanceof UnavailableError ||
  error instanceof CancelledError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError;

interface CancellableRead<T> extends AsyncIterable<T> {
  cancel(): Promise<void>;
  destroy(): void;
}

/**
 * Reads until `take` returns false or the read ends, within `timeoutMs`; the call is cancelled in
 * every case, so a read left early does not stay open on the server.
 */
async function drain<T>(
  read: CancellableRead<T>,
  timeoutMs: number,
  take: (item: T) => boolean,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(undefined, `no end of read after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  timedOut.catch(() => undefined);
  try {
    await Promise.race([
      (async () => {
        for await (const item of read) if (!take(item)) return;
      })(),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
    await read.cancel();
    read.destroy();
  }
}

/**
 * Positions are EventStoreDB commit positions; reads skip system events ($-prefixed streams or
 * types). Appends and reads go to the leader (`requiresLeader`): a follower answers NotLeader, the
 * client reconnects to the leader it names, and the call is made once more. Subscriptions receive
 * every user event and filter here, so their checkpoint follows every event the log holds.
 *
 * `written` in an append result is always the number of events sent: EventStoreDB acknowledges an
 * idempotent re-append like a write. Events without an id get a UUIDv7 per call (reused only for
 * this adapter's own retry), so two appends are never merged because their contents are equal.
 */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const maxAppendSize = options.maxAppendSize ?? ESDB_DEFAULT_MAX_APPEND_SIZE;
  const readTimeoutMs = options.readTimeoutMs ?? 30_000;
  const subscriptions = new Set<Subscription>();

  /** Runs a call; on NotLeader once more after the client moved to the leader, then maps errors. */
  const onLeader = async <T>(
    operation: string,
    call: () => Promise<T>,
    mapError: (error: unknown) => unknown,
  ): Promise<T> => {
    try {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ClientNotLeaderError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, NOT_LEADER_RETRY_MS));
        return await call();
      }
    } catch (error) {
      if (error instanceof ClientNotLeaderError) throw new NotLeaderError(leaderOf(error));
      const mapped = mapError(error);
      if (mapped !== error) throw mapped;
      if (isUnavailable(error)) throw new StoreUnavailableError(operation, error);
      throw error;
    }
  };

  const mapReadError = (streamName: string) => (error: unknown) =>
    error instanceof ClientStreamDeletedError ? new StreamDeletedError(streamName) : error;

  /**
   * Forward page of the log after `after`. Events of one explicit transaction share a commit
   * position: a page never ends inside one (`trimmed`), and one larger than the page is read whole.
   */
  const readAllPage = async (after: bigint, maxCount: number) => {
    for (let count = maxCount; ; count *= 2) {
      const records: { event: RecordedEvent | undefined; commit: bigint | undefined }[] = [];
      await drain(
        client.readAll({
          fromPosition: after < 0n ? START : positionAt(after),
          // One for the record at `after` (a read from a position includes it), one to see past the page.
          maxCount: count + 2,
          direction: FORWARDS,
          requiresLeader: true,
        }),
        readTimeoutMs,
        (resolved: AllStreamResolvedEvent) => {
          records.push({ event: toRecordedEvent(resolved), commit: commitOf(resolved) });
          return true;
        },
      );
      const exhausted = records.length < count + 2;
      const fresh = records.filter(
        (record) => record.commit === undefined || record.commit > after,
      );
      let kept = fresh.slice(0, maxCount);
      const boundary = fresh[kept.length];
      const trimmed = boundary !== undefined && boundary.commit === kept.at(-1)?.commit;
      if (trimmed) {
        const before = kept.filter((record) => record.commit !== boundary.commit);
        if (before.length > 0) kept = before;
        else {
          const transaction = fresh.filter((record) => record.commit === boundary.commit);
          if (transaction.length === fresh.length && !exhausted) continue;
          kept = transaction;
        }
      }
      const events = kept.flatMap((record) => (record.event ? [record.event] : []));
      const last = kept.findLast((record) => record.commit !== undefined)?.commit;
      return { events, last, exhausted: exhausted && !trimmed, trimmed };
    }
  };

  return {
    async appendToStream(streamName, events, appendOptions) {
      const expected = checkAppend(streamName, events, appendOptions);
      const size = events.reduce(
        (total, event) => total + Buffer.byteLength(JSON.stringify(event.data), 'utf8'),
        0,
      );
      if (size > maxAppendSize) throw new AppendTooLargeError(streamName, size, maxAppendSize);
      const recordedAt = new Date().toISOString();
      const data = events.map((event) =>
        jsonEvent({
          id: event.id ?? uuidV7(),
          type: event.type,
          data: event.data,
          metadata: { ...event.metadata, recordedAt: event.metadata?.recordedAt ?? recordedAt },
        }),
      );
      const result = await onLeader(
        `append to "${streamName}"`,
        () =>
          client.appendToStream(streamName, data, {
            expectedRevision: expected,
            requiresLeader: true,
          }),
        (error) => {
          if (error instanceof WrongExpectedVersionError)
            return new WrongExpectedRevisionError(streamName, expected, error.actualVersion);
          if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(streamName);
          if (error instanceof MaxAppendSizeExceededError)
            return new AppendTooLargeError(streamName, size, error.maxAppendSize);
          if (isUnavailable(error) || error instanceof UnknownError)
            return new AppendOutcomeUnknownError(streamName, error);
          return error;
        },
      );
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        lastPosition: result.position?.commit ?? -1n,
        written: events.length,
      };
    },

    async readStream(streamName, readOptions = {}) {
      checkStreamName(streamName);
      checkPosition('fromRevision', readOptions.fromRevision);
      checkCount('maxCount', readOptions.maxCount);
      const backwards = readOptions.direction === 'backwards';
      return onLeader(
        `read "${streamName}"`,
        async () => {
          const events: RecordedEvent[] = [];
          try {
            await drain(
              client.readStream(streamName, {
                direction: backwards ? BACKWARDS : FORWARDS,
                fromRevision: readOptions.fromRevision ?? (backwards ? END : START),
                requiresLeader: true,
                ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
              }),
              readTimeoutMs,
              (resolved: ResolvedEvent) => {
                const event = toRecordedEvent(resolved);
                if (event !== undefined) events.push(event);
                return true;
              },
            );
          } catch (error) {
            if (error instanceof StreamNotFoundError) return [];
            throw error;
          }
          return events;
        },
        mapReadError(streamName),
      );
    },

    async readAll(readOptions = {}) {
      checkPosition('after', readOptions.after);
      checkCount('maxCount', readOptions.maxCount);
      const maxCount = readOptions.maxCount ?? 1000;
      return onLeader(
        'read the log',
        async () => {
          const events: RecordedEvent[] = [];
          let after = readOptions.after ?? -1n;
          for (;;) {
            const page = await readAllPage(after, Math.max(1, maxCount - events.length));
            events.push(...page.events);
            if (
              page.exhausted ||
              page.trimmed ||
              page.last === undefined ||
              events.length >= maxCount
            )
              return events;
            after = page.last;
          }
        },
        (error) => error,
      );
    },

    async headPosition() {
      return onLeader(
        'read the head of the log',
        async () => {
          let from: Position | typeof END = END;
          for (;;) {
            let head: bigint | undefined;
            let read = 0;
            let oldest: Position | undefined;
            await drain(
              client.readAll({
                fromPosition: from,
                direction: BACKWARDS,
                maxCount: HEAD_PAGE,
                requiresLeader: true,
              }),
              readTimeoutMs,
              (resolved: AllStreamResolvedEvent) => {
                read++;
                oldest = resolved.event?.position ?? oldest;
                const event = toRecordedEvent(resolved);
                if (event === undefined) return true;
                head = event.globalPosition;
                return false;
              },
            );
            if (head !== undefined) return head;
            if (read < HEAD_PAGE || oldest === undefined) return -1n;
            from = oldest;
          }
        },
        (error) => error,
      );
    },

    subscribeToAll(subscribeOptions) {
      checkPosition('after', subscribeOptions.after);
      checkCount('batchSize', subscribeOptions.batchSize);
      const subscription = startEsdbSubscription(
        (after, onServerCheckpoint) =>
          client.subscribeToAll({
            fromPosition: after < 0n ? START : positionAt(after),
            filter: excludeSystemEvents({ checkpointReached: onServerCheckpoint }),
          }),
        compileFilter(subscribeOptions.filter),
        subscribeOptions,
        () => subscriptions.delete(subscription),
        options.resumeDelays ?? DEFAULT_RESUME_DELAYS,
      );
      subscriptions.add(subscription);
      return subscription;
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await client.dispose();
    },
  };
}
