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
