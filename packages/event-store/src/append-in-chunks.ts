import { AppendTooLargeError } from './errors.js';
import type { AppendResult, EventStore, EventToAppend } from './event-store.js';

const dataSize = (event: EventToAppend) => Buffer.byteLength(JSON.stringify(event.data), 'utf8');

/**
 * Appends `events` in one append when the store takes it; when the store refuses it as too large
 * (AppendTooLargeError, nothing written), in consecutive appends that each fit, the first at
 * `expectedRevision` and each next at the revision the previous one left. Not atomic then: a crash
 * between two appends leaves the first ones written. Use it where a prefix of the events is a
 * state the next run completes (a re-run decides only what is missing).
 * Returns the last append's result, `written` summed over all of them.
 */
export async function appendInChunks(
  store: Pick<EventStore, 'appendToStream'>,
  streamName: string,
  events: EventToAppend[],
  expectedRevision: bigint | 'no_stream',
): Promise<AppendResult> {
  let limit: number;
  try {
    return await store.appendToStream(streamName, events, { expectedRevision });
  } catch (error) {
    if (!(error instanceof AppendTooLargeError)) throw error;
    limit = error.maxAppendSize;
  }
  const chunks: EventToAppend[][] = [];
  let size = 0;
  for (const event of events) {
    const bytes = dataSize(event);
    if (bytes > limit) throw new AppendTooLargeError(streamName, bytes, limit);
    if (chunks.length === 0 || size + bytes > limit) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(event);
    size += bytes;
  }
  let revision: bigint | 'no_stream' = expectedRevision;
  let written = 0;
  let result: AppendResult | undefined;
  for (const chunk of chunks) {
    result = await store.appendToStream(streamName, chunk, { expectedRevision: revision });
    revision = result.nextExpectedRevision;
    written += result.written;
  }
  return { ...result!, written };
}
