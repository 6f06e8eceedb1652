import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, JsonObject, RecordedEvent } from './event-store.js';

const isSystem = (name: string) => name.startsWith('$');

/** Our event, or undefined for system events, links and non-JSON events, which Cadran never writes. */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || !event.isJson || isSystem(event.type) || isSystem(event.streamId))
    return undefined;
  const commit = event.position?.commit ?? resolved.commitPosition;
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    data: event.data as JsonObject,
    metadata: (event.metadata ?? {}) as EventMetadata,
    streamRevision: event.revision,
    globalPosition: commit ?? -1n,
  };
}

/** Commit position of a read or delivered record, system events included. */
export const commitOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;
