import { isWrongExpectedRevision } from '@cadran/event-store/errors';
import type { Decider } from './decider.js';
import { fromStored, toStored } from './event-codec.js';
import { conflict } from './errors.js';
import type { DomainEvent } from './events.js';

/** The part of the event store port (@cadran/event-store) a command handler needs. */
export type StreamStore = {
  readStream(
    stream: string,
    options?: { maxCount?: number },
  ): Promise<
    ReadonlyArray<{ type: string; data: unknown; streamRevision: bigint; globalPosition: bigint }>
  >;
  appendToStream(
    stream: string,
    events: {
      type: string;
      data: DomainEvent['data'];
      metadata: Record<string, string | number>;
    }[],
    options: { expectedRevision: 'no_stream' | bigint },
  ): Promise<{ lastPosition: bigint }>;
};

export type Handled<State> = {
  state: State;
  /** Global log position after which the state is visible to readers (-1n: empty stream, nothing written). */
  position: bigint;
  /** Events written by this call; 0 for a repeated command. */
  written: number;
};

/** How many times a command is read, decided and appended before a lost race is reported. */
export const MAX_ATTEMPTS = 10;

/** Who asked, copied into the metadata of the events written. */
export type CommandMeta = { actor?: string; correlationId?: string; causationId?: string };

function metadataOf(meta: CommandMeta): Record<string, string> {
  return Object.fromEntries(
    Object.entries(meta).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** A stream's state as read, the revision to append at and the log position it reflects. */
export type Loaded<State> = {
  state: State;
  revision: bigint | 'no_stream';
  /** Global log position of the last event read; -1n: empty stream. */
  position: bigint;
};

/**
 * Runs `attempt` again while it loses a race on a stream (the store's WrongExpectedRevisionError),
 * up to MAX_ATTEMPTS times; then refuses with CONFLICT naming `subject` ("stream x", "invoice numbering").
 */
export async function retryOnConflict<T>(subject: string, attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; round <= MAX_ATTEMPTS; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
    }
  }
  throw conflict(
    `${subject} kept changing under ${MAX_ATTEMPTS} attempts; nothing was written, try again`,
  );
}

/** One command's cycle against any stream: how to read its state and how to append its events. */
export type CommandCycle<Command, State, Event> = {
  /** Names the stream in the CONFLICT refusal after MAX_ATTEMPTS lost races. */
  subject: string;
  load: () => Promise<Loaded<State>>;
  decide: Decider<Command, State, Event>['decide'];
  /** Builds the command from the state read; may read other streams or the clock (it runs again on each retry). */
  command: (state: State) => Command | Promise<Command>;
  /** Appends at `expectedRevision`; throws WrongExpectedRevisionError when the stream moved. */
  append: (
    events: Event[],
    expectedRevision: bigint | 'no_stream',
  ) => Promise<{ lastPosition: bigint }>;
  /** As HandleOptions.beforeAppend. */
  beforeAppend?: (events: Event[], state: State) => Promise<void>;
};

export type Decided<Command, State, Event> = {
  /** The state the decision was taken on (before the events written). */
  state: State;
  command: Command;
  events: Event[];
  /** After the append; when nothing was written, the position of the state read. */
  position: bigint;
};

/**
 * The one command loop: read, build the command, decide, append at the revision read; a
 * concurrent writer makes the append fail and the whole cycle runs again (retryOnConflict).
 */
export function runCommand<Command, State, Event>(
  cycle: CommandCycle<Command, State, Event>,
): Promise<Decided<Command, State, Event>> {
  return retryOnConflict(cycle.subject, async () => {
    const { state, revision, position } = await cycle.load();
    const command = await cycle.command(state);
    const events = cycle.decide(command, state);
    if (events.length === 0) return { state, command, events, position };
    await cycle.beforeAppend?.(events, state);
    const result = await cycle.append(events, revision);
    return { state, command, events, position: result.lastPosition };
  });
}

/** A stored event as the decider's event; undefined for a type it does not know. */
export type EventDecoder<Event> = (stored: { type: string; data: unknown }) => Event | undefined;

/**
 * Reads a stream and folds it. Each event goes through `decode` (by default the domain's
 * fromStored, where old schema versions are upcast); types it does not know are skipped.
 */
export async function loadStream<State, Event>(
  store: Pick<StreamStore, 'readStream'>,
  stream: string,
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  decode: EventDecoder<Event> = fromStored as EventDecoder<Event>,
): Promise<Loaded<State>> {
  const recorded = await store.readStream(stream);
  const last = recorded.at(-1);
  let state = decider.initialState();
  for (const stored of recorded) {
    const event = decode(stored);
    if (event !== undefined) state = decider.evolve(state, event);
  }
  return {
    state,
    revision: last ? last.streamRevision : 'no_stream',
    position: last?.globalPosition ?? -1n,
  };
}

export type HandleOptions<State, Event> = {
  /**
   * Runs once the decision is to write, before the append: the place for a claim on another
   * stream (an id or a tenancy) that must exist before these events do. It runs again on each
   * retry, so it must be idempotent; it may throw to refuse.
   */
  beforeAppend?: (events: Event[], state: State) => Promise<void>;
};

/** runCommand on one domain stream folded by `decider`, the events stored with `meta`. */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: StreamStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  command: (state: State) => Command | Promise<Command>,
  meta: CommandMeta = {},
  options: HandleOptions<State, Event> = {},
): Promise<Handled<State>> {
  const decided = await runCommand({
    subject: `stream ${stream}`,
    load: () => loadStream(store, stream, decider),
    decide: decider.decide,
    command,
    append: (events, expectedRevision) =>
      store.appendToStream(
        stream,
        events.map((e) => toStored(e, metadataOf(meta))),
        { expectedRevision },
      ),
    beforeAppend: options.beforeAppend,
  });
  return {
    state: decided.events.reduce(decider.evolve, decided.state),
    position: decided.position,
    written: decided.events.length,
  };
}

/** The first event of a stream (the one that created the entity), without reading the rest. */
export async function readCreation(
  store: Pick<StreamStore, 'readStream'>,
  stream: string,
): Promise<DomainEvent | undefined> {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  return first ? fromStored(first) : undefined;
}
