import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject, RecordedEvent } from '@cadran/event-store';
/** The kinds of metered records, each with its claim stream. */
export type RecordKind = 'usage' | 'energy';

/**
 * A claim: records of one kind, for one site stream, appended to the kind's claim stream
 * (`metering-usage`, `metering-energy`) with the expected revision of the registry that found
 * their ids unknown. The claim stream is the one place every writer of the kind goes through, on
 * any store, so a successful claim append proves no other writer claimed those ids first, whatever
 * the site. The claim holds the records' event data and pins the revisions they take in the site
 * stream, so any writer can write them there, and writing them twice is impossible (the site
 * append expects the pinned revision).
 */
export interface RecordClaim {
  /** Revision of the claim event in the claim stream. */
  revision: number;
  /** The site stream the records are written to. */
  site: string;
  /** Revision of the site stream's last event before these records; -1: no event yet. */
  after: number;
  /** The id of the first record's event; the others follow it (see `claimedEventId`). */
  firstEventId: string;
  /** Each record's event data, in the order they are written. */
  records: JsonObject[];
}

export const CLAIM_EVENT_TYPE = 'MeteredRecordsClaimed';

export const claimStream = (kind: RecordKind) => `metering-${kind}`;

/**
 * Records in one claim event at most: about 60 KB of JSON, well under EventStoreDB's append size
 * and under V8's large-object size (a larger string goes straight to the old generation).
 */
export const MAX_RECORDS_PER_CLAIM = 256;

/** A UUIDv7 (RFC 9562): milliseconds, then random bits. */
export function uuidV7(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

/** A UUIDv7 whose last 20 bits are zero, so `claimedEventId(first, i)` stays one for i < 2^20. */
export function firstClaimedEventId(): string {
  const id = uuidV7();
  return `${id.slice(0, 31)}00000`;
}

/**
 * The event id of the claim's `index`-th record: time-ordered (the claim's milliseconds come
 * first, so the store's id index grows at its right edge), the same for every writer of the claim
 * and derived from a nonce, never from content.
 */
export function claimedEventId(firstEventId: string, index: number): string {
  return `${firstEventId.slice(0, 31)}${index.toString(16).padStart(5, '0')}`;
}

export function claimEvent(claim: Omit<RecordClaim, 'revision'>): EventToAppend {
  return {
    id: uuidV7(),
    type: CLAIM_EVENT_TYPE,
    data: {
      site: claim.site,
      after: claim.after,
      firstEventId: claim.firstEventId,
      records: claim.records,
    },
  };
}

export function claimFromEvent(event: RecordedEvent): RecordClaim {
  const { site, after, firstEventId, records } = event.data as {
    site?: unknown;
    after?: unknown;
    firstEventId?: unknown;
    records?: unknown;
  };
  if (
    typeof site !== 'string' ||
    typeof after !== 'number' ||
    typeof firstEventId !== 'string' ||
    !Array.isArray(records)
  )
    throw new Error(
      `${event.streamName} revision ${event.streamRevision}: not a ${CLAIM_EVENT_TYPE} event`,
    );
  return {
    revision: Number(event.streamRevision),
    site,
    after,
    firstEventId,
    records: records as JsonObject[],
  };
}
