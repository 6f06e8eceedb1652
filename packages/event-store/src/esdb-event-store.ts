import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import type { EventStore, RecordedEvent, SubscriptionFilter, Subscription } from './event-store.js';
import { WrongExpectedRevisionError } from './errors.js';
import { checkAppend, checkCount, checkPosition, checkStreamName } from './validation.js';
import { eventIdFor } from './esdb-event-id.js';
import { compileFilter } from './subscription-filter.js';
import { startEsdbSubscription } from './esdb-subscription.js';
import { commitOf, toRecordedEvent } from './esdb-recorded-event.js';

export interface EsdbEventStoreOptions {
  /** e.g. esdb://node1:2113,node2:2113,node3:2113?tls=false */
  connectionString: string;
}

const positionAt = (commit: bigint): Position => ({ commit, prepare: commit });

function serverFilter(filter: SubscriptionFilter | undefined): Filter {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (filter?.streamPrefixes?.length && !filter.eventTypes?.length) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.eventTypes?.length && !filter.streamPrefixes?.length) {
    return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escape).join('|')})$` });
  }
  return excludeSystemEvents();
}

/**
 * Positions are EventStoreDB commit positions. Reads skip system events ($-prefixed streams or
 * types). `written` in an append result is always the number of events sent: the server
 * acknowledges an idempotent re-append like a write, and it does not refuse a known id with other
 * content at another slot (see esdb-event-id.ts for the ids it derives).
 */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const subscriptions = new Set<Subscription>();

  const readAllPage = async (
    after: bigint,
    maxCount: number,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ) => {
    const events: RecordedEvent[] = [];
    const fromPosition = direction === BACKWARDS ? END : after < 0n ? START : positionAt(after);
    let last: bigint | undefined;
    let read = 0;
    for await (const resolved of client.readAll({
      fromPosition,
      maxCount: maxCount + 1,
      direction,
    })) {
      read++;
      const commit = commitOf(resolved);
      if (commit !== undefined) last = commit;
      if (direction === FORWARDS && commit !== undefined && commit <= after) continue;
      const event = toRecordedEvent(resolved);
      if (event !== undefined && events.length < maxCount) events.push(event);
    }
    return { events, last, exhausted: read < maxCount + 1 };
  };

  return {
    async appendToStream(streamName, events, appendOptions) {
      const expected = checkAppend(streamName, events, appendOptions);
      const recordedAt = new Date().toISOString();
      const data = events.map((event, index) => {
        const comparable = JSON.stringify(event.metadata ?? {});
        return jsonEvent({
          id: eventIdFor(streamName, expected, index, event, comparable),
          type: event.type,
          data: event.data,
          metadata: { ...event.metadata, recordedAt: event.metadata?.recordedAt ?? recordedAt },
        });
      });
      try {
        const result = await client.appendToStream(streamName, data, {
          expectedRevision: expected,
        });
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          lastPosition: result.position?.commit ?? -1n,
          written: events.length,
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(streamName, expected, error.actualVersion);
        }
        throw error;
      }
    },

    async readStream(streamName, readOptions = {}) {
      checkStreamName(streamName);
      checkPosition('fromRevision', readOptions.fromRevision);
      checkCount('maxCount', readOptions.maxCount);
      const backwards = readOptions.direction === 'backwards';
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: readOptions.fromRevision ?? (backwards ? END : START),
          ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
        })) {
          const event = toRecordedEvent(resolved);
          if (event !== undefined) events.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    },

    async readAll(readOptions = {}) {
      checkPosition('after', readOptions.after);
      checkCount('maxCount', readOptions.maxCount);
      const maxCount = readOptions.maxCount ?? 1000;
      const events: RecordedEvent[] = [];
      let after = readOptions.after ?? -1n;
      for (;;) {
        const page = await readAllPage(after, maxCount - events.length, FORWARDS);
        events.push(...page.events);
        if (page.exhausted || page.last === undefined || events.length >= maxCount) return events;
        after = page.last;
      }
    },

    async headPosition() {
      for await (const resolved of client.readAll({
        fromPosition: END,
        direction: BACKWARDS,
        maxCount: 10_000,
      })) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) return event.globalPosition;
      }
      return -1n;
    },

    subscribeToAll(subscribeOptions) {
      checkPosition('after', subscribeOptions.after);
      checkCount('batchSize', subscribeOptions.batchSize);
      const after = subscribeOptions.after ?? -1n;
      const source = client.subscribeToAll({
        fromPosition: after < 0n ? START : positionAt(after),
        filter: serverFilter(subscribeOptions.filter),
      });
      const subscription = startEsdbSubscription(
        source,
        compileFilter(subscribeOptions.filter),
        subscribeOptions,
        () => subscriptions.delete(subscription),
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
