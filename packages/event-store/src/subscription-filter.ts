import type { SubscriptionFilter } from './event-store.js';

export type EventPredicate = (streamName: string, type: string) => boolean;

/** undefined when the filter lets everything through. */
export function compileFilter(filter: SubscriptionFilter | undefined): EventPredicate | undefined {
  const types =
    filter?.eventTypes !== undefined && filter.eventTypes.length > 0
      ? new Set(filter.eventTypes)
      : undefined;
  const prefixes =
    filter?.streamPrefixes !== undefined && filter.streamPrefixes.length > 0
      ? filter.streamPrefixes
      : undefined;
  if (types === undefined && prefixes === undefined) return undefined;
  return (streamName, type) =>
    (types === undefined || types.has(type)) &&
    (prefixes === undefined || prefixes.some((prefix) => streamName.startsWith(prefix)));
}
