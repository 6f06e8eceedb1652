import { v5 as uuidV5, v7 as uuidV7 } from 'uuid';
import type { EventToAppend, ExpectedRevision } from './event-store.js';

/** Namespace of the ids Cadran derives for EventStoreDB appends (a fixed, random UUID). */
const CADRAN_EVENT_NAMESPACE = '4f1e9d4a-6f2b-4c1e-9a57-0c2a8e5b7d31';

/**
 * Id of an event the caller gave no id. With 'no_stream' or an exact revision the event's slot is
 * fixed, so the id is derived from stream, expected revision, index and content: a retried append
 * carries the same ids and EventStoreDB treats it as idempotent, while other content at that slot
 * gets other ids and conflicts. With 'any' or 'stream_exists' the slot is not fixed and two equal
 * events may both be wanted, so the id is a fresh UUIDv7: pass ids to make such appends retry-safe.
 */
export function eventIdFor(
  streamName: string,
  expected: ExpectedRevision,
  index: number,
  event: EventToAppend,
  comparableMetadata: string,
): string {
  if (event.id !== undefined) return event.id;
  if (expected === 'any' || expected === 'stream_exists') return uuidV7();
  const name = JSON.stringify([
    streamName,
    String(expected),
    index,
    event.type,
    JSON.stringify(event.data),
    comparableMetadata,
  ]);
  return uuidV5(name, CADRAN_EVENT_NAMESPACE);
}
