/**
 * The event store port: the one contract every adapter (SQLite, EventStoreDB) implements
 * and the shared contract suite checks.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What the caller expects the stream to be before the append. */
export type ExpectedRevision =
  | 'no_stream' // the stream must not exist yet
  | 'stream_exists' // the stream must have at least one event
  | 'any' // no check
  | bigint; // the revision of the stream's last event (0n after one event)

export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: string;
  /** RFC 3339 UTC; set by the store on append when absent. */
  recordedAt?: string;
  [key: string]: JsonValue | undefined;
}

export interface EventToAppend {
  /** A UUID. Omitted: the store assigns a time-ordered one (UUIDv7). */
  id?: string;
  type: string;
  data: JsonObject;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  id: string;
  streamName: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  /** 0-based position of the event in its stream. */
  streamRevision: bigint;
  /** Position in the global log; strictly increasing in log order (gaps allowed). */
  globalPosition: bigint;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision; // default 'any'
}

export interface AppendResult {
  /** Revision of the stream's last event after the append: the next expectedRevision. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended (or of the original, for a re-append). */
  lastPosition: bigint;
  /**
   * Events actually written; 0 when every event was an idempotent re-append (SQLite). EventStoreDB
   * acknowledges a re-append like a write: there it is always the number of events sent.
   */
  written: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards'; // default forwards
  /** Inclusive start revision; default: the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read events whose globalPosition is greater than this. Default: from the start. */
  after?: bigint;
  maxCount?: number; // default 1000
}

export interface SubscriptionFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events after this position. Default: from the start. */
  after?: bigint;
  filter?: SubscriptionFilter;
  /** Largest batch handed to onEvents. */
  batchSize?: number;
  /**
   * Called with consecutive batches in global order. The subscription waits for the returned
   * promise before delivering more. `checkpoint` is the position to resume after: it can be
   * greater than the last event's position when filtered-out events were skipped.
   */
  onEvents: (events: RecordedEvent[], checkpoint: bigint) => void | Promise<void>;
  /** Called once the subscription has caught up with the log and is live. */
  onCaughtUp?: (checkpoint: bigint) => void;
  onError?: (error: Error) => void;
}

/**
 * 'catching-up' until caught up the first time, then 'live'; 'resuming' while the adapter opens
 * a dropped subscription again from its checkpoint; 'failed' after an error it does not retry
 * (onError was called); 'stopped' after stop().
 */
export type SubscriptionState = 'catching-up' | 'live' | 'resuming' | 'failed' | 'stopped';

export interface Subscription {
  /** Resolves once the subscription has caught up (the first time); rejects if it stops or fails before. */
  readonly caughtUp: Promise<void>;
  /** Position of the last batch handed over and completed. */
  readonly checkpoint: bigint;
  readonly state: SubscriptionState;
  stop(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    stream: string,
    events: EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** A missing stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the log; -1n when empty. */
  headPosition(): Promise<bigint>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
