/** Typed errors of the event store port; every adapter throws these and nothing else for these cases. */

/** The stream's revision was not what the append expected. Nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamName: string,
    readonly expected: 'no_stream' | 'stream_exists' | 'any' | bigint,
    /** Revision of the stream's last event, or 'no_stream' when the stream does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `stream "${streamName}": expected revision ${String(expected)}, actual ${String(actual)}`,
    );
  }
}

/** The one test for a lost race on a stream: every adapter throws WrongExpectedRevisionError for it. */
export function isWrongExpectedRevision(error: unknown): error is WrongExpectedRevisionError {
  return error instanceof WrongExpectedRevisionError;
}

/** Bad input to the store: `field` names what was wrong, `accepted` says what would be accepted. */
export class EventStoreInputError extends Error {
  override readonly name = 'EventStoreInputError';
  constructor(
    readonly field: string,
    readonly accepted: string,
  ) {
    super(`${field}: ${accepted}`);
  }
}

/**
 * An event id is already in the log with other content, in another stream, or only some of an
 * append's events were already there. Nothing was written.
 */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly streamName: string,
    readonly reason: string,
  ) {
    super(`event ${eventId} in stream "${streamName}": ${reason}`);
  }
}

/** The stream was deleted for good (tombstoned): it can be neither read nor appended to again. */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  constructor(readonly streamName: string) {
    super(`stream "${streamName}" is deleted`);
  }
}

/**
 * The append is larger than the store accepts in one append (EventStoreDB's maximum append size,
 * counted as the events' data bytes). Refused before anything was sent: nothing was written.
 * Split it into several appends, or raise the limit on the server and in the adapter together.
 */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly streamName: string,
    readonly size: number,
    readonly maxAppendSize: number,
  ) {
    super(
      `append to stream "${streamName}" is ${size} bytes of event data; at most ${maxAppendSize} are accepted in one append`,
    );
  }
}

/**
 * The append was sent but no answer came (deadline, timeout, connection lost): it may or may not
 * have been written. Retrying with the same event ids and the same exact expected revision is
 * safe: the store then answers as for an idempotent re-append, or with a conflict.
 */
export class AppendOutcomeUnknownError extends Error {
  override readonly name = 'AppendOutcomeUnknownError';
  constructor(
    readonly streamName: string,
    override readonly cause: unknown,
  ) {
    super(
      `append to stream "${streamName}": no answer from the store (${cause instanceof Error ? cause.message : String(cause)}); it may or may not have been written`,
    );
  }
}

/** The node that was asked is not the leader, and asking the leader it named did not work either. */
export class NotLeaderError extends Error {
  override readonly name = 'NotLeaderError';
  constructor(readonly leader: string | undefined) {
    super(`the store node asked is not the leader${leader ? `; the leader is ${leader}` : ''}`);
  }
}

/** The store cannot be reached, or did not answer a read in time. Nothing was changed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(
      `${operation}: the event store is unavailable (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
}
