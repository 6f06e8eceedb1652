import { fold, type Decider } from './decider.js';
import { toStored } from './event-codec.js';
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

export const MAX_ATTEMPTS = 10;

/** Who asked, copied into the metadata of the events written. */
export type CommandMeta = { actor?: string; correlationId?: string; causationId?: string };

function metadataOf(meta: CommandMeta): Record<string, string> {
  return Object.fromEntries(
    Object.entries(meta).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function isWrongExpectedRevision(error: unknown): boolean {
  return error instanceof Error && error.name === 'WrongExpectedRevisionError';
}

/** Reads a stream and folds it; unknown event types are skipped. */
export async function loadStream<State, Event extends DomainEvent>(
  store: Pick<StreamStore, 'readStream'>,
  stream: string,
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
) {
  const recorded = await store.readStream(stream);
  const last = recorded.at(-1);
  const state = fold(
    decider,
    recorded.map((e) => ({ type: e.type, data: e.data }) as Event),
  );
  return {
    state,
    revision: last ? last.streamRevision : ('no_stream' as const),
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

/**
 * Read, decide, append with the revision read; a concurrent writer makes the append fail and
 * the whole cycle (including `command`, which may read other streams for context) runs again.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: StreamStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  command: (state: State) => Command | Promise<Command>,
  meta: CommandMeta = {},
  options: HandleOptions<State, Event> = {},
): Promise<Handled<State>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { state, revision, position } = await loadStream(store, stream, decider);
    const events = decider.decide(await command(state), state);
    if (events.length === 0) return { state, position, written: 0 };
    await options.beforeAppend?.(events, state);
    try {
      const result = await store.appendToStream(
        stream,
        events.map((e) => toStored(e, metadataOf(meta))),
        { expectedRevision: revision },
      );
      return {
        state: events.reduce(decider.evolve, state),
        position: result.lastPosition,
        written: events.length,
      };
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
    }
  }
  throw conflict(
    `stream ${stream} kept changing under ${MAX_ATTEMPTS} attempts; nothing was written, try again`,
  );
}

/** The first event of a stream (the one that created the entity), without reading the rest. */
export async function readCreation(
  store: Pick<StreamStore, 'readStream'>,
  stream: string,
): Promise<DomainEvent | undefined> {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  return first ? ({ type: first.type, data: first.data } as DomainEvent) : undefined;
}
