import type { Database } from 'better-sqlite3';
import {
  createSqliteCheckpointStore,
  type EventStore,
  type RecordedEvent,
  type Subscription,
  type SubscriptionState,
} from '@cadran/event-store';
import type { Projection } from './projection.js';
import { createSetAsideEvents, type SetAsideEvent } from './set-aside-events.js';

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** Where the read models live: the embedded store's own database, or a local file next to EventStoreDB. */
  db: Database;
  projections: readonly Projection[];
  /** Checkpoint name; default "read-models". */
  name?: string;
  /** Events read per transaction; default 2000 (a live runner gets what is new, usually far fewer). */
  batchSize?: number;
  /** The database failed (nothing of the batch was written): the runner stops. Default: logged. */
  onError?: (error: Error) => void;
  /** An event a read model could not apply was set aside; the others went on. Default: logged. */
  onSetAside?: (entry: SetAsideEvent) => void;
}

/** What retrying the set-aside events did. */
export type RetryOutcome = { applied: SetAsideEvent[]; stillSetAside: SetAsideEvent[] };

export interface ProjectionRunner {
  /** Subscribes after the stored checkpoint; resolves once the read models have caught up with the log. */
  start(): Promise<void>;
  /** The last checkpoint applied with the read models; -1n before the first event. */
  readonly position: bigint;
  /** The failure that stopped the runner, if any. */
  readonly failure: Error | undefined;
  /** Its subscription's state ('resuming' while the store's connection is being re-established); 'stopped' when not started. */
  readonly state: SubscriptionState;
  /** True as soon as the read models have applied `position`; false after `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Finishes the batch in flight and stops; the checkpoint stays. */
  stop(): Promise<void>;
  /** Drops and recreates the read models, resets the checkpoint and replays the log (restarting if it was running). */
  rebuild(): Promise<void>;
  /** The events this runner's read models could not apply, in log order. */
  setAside(): SetAsideEvent[];
  /** Applies the set-aside events again, in log order (after a fix); those that still fail stay aside. */
  retrySetAside(): Promise<RetryOutcome>;
}

const NONE = -1n;
const RECHECK_MS = 10;
const BATCH_SIZE = 2000;
const SYNCHRONOUS_NORMAL = 1;

type Waiter = { position: bigint; resolve: (reached: boolean) => void; timer: NodeJS.Timeout };

/** SQLite failing as a whole (disk, corruption, locks): no event is at fault, the runner stops. */
const DATABASE_FAILURES =
  /^SQLITE_(CORRUPT|NOTADB|IOERR|FULL|CANTOPEN|PERM|READONLY|BUSY|LOCKED|NOMEM|INTERRUPT|PROTOCOL)/;
const isDatabaseFailure = (error: unknown): boolean =>
  typeof (error as { code?: unknown })?.code === 'string' &&
  DATABASE_FAILURES.test((error as { code: string }).code);
const reasonOf = (error: unknown): string =>
  error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);

export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  const { store, db, projections } = options;
  const name = options.name ?? 'read-models';
  const eventTypes = [...new Set(projections.flatMap((p) => p.eventTypes))];
  const byType = new Map<string, Projection[]>();
  for (const type of eventTypes)
    byType.set(
      type,
      projections.filter((p) => p.eventTypes.includes(type)),
    );

  const checkpoints = createSqliteCheckpointStore(db);
  const setAside = createSetAsideEvents(db);
  const reportSetAside =
    options.onSetAside ??
    ((entry: SetAsideEvent) =>
      console.error(
        `projection runner "${name}": event at ${entry.position} (${entry.eventType}) set aside by ${entry.projection}: ${entry.reason}`,
      ));
  const deleteCheckpoint = db.prepare('DELETE FROM checkpoints WHERE name = ?');
  const setupAll = () => {
    for (const projection of projections) projection.setup(db);
  };
  db.transaction(setupAll)();

  let position = checkpoints.load(name) ?? NONE;
  let subscription: Subscription | undefined;
  let failure: Error | undefined;
  const waiters = new Set<Waiter>();
  let recheck: NodeJS.Timeout | undefined;

  /** Filtered-out events advance the subscription without a batch: count them as applied. */
  const reached = () => {
    const skipped = subscription?.checkpoint ?? NONE;
    return skipped > position ? skipped : position;
  };

  const settleWaiters = () => {
    const at = reached();
    for (const waiter of waiters) {
      if (waiter.position <= at) {
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
    if (waiters.size === 0 && recheck !== undefined) {
      clearInterval(recheck);
      recheck = undefined;
    }
  };

  const applyBatch = db.transaction((events: RecordedEvent[], checkpoint: bigint) => {
    for (const event of events) {
      const handlers = byType.get(event.type);
      if (handlers === undefined) continue;
      for (const projection of handlers) projection.apply(event);
    }
    for (const projection of projections) projection.flush?.();
    checkpoints.store(name, checkpoint);
  });

  /** One event and its output, in a savepoint of the batch; throws naming the read model at fault. */
  const applyOne = db.transaction((event: RecordedEvent) => {
    let current: Projection | undefined;
    try {
      for (const projection of byType.get(event.type) ?? []) {
        current = projection;
        projection.apply(event);
      }
      for (const projection of projections) {
        current = projection;
        projection.flush?.();
      }
    } catch (error) {
      for (const projection of projections) projection.discard?.();
      throw Object.assign(new Error(reasonOf(error)), {
        cause: error,
        projection: current?.name ?? '?',
      });
    }
  });

  /** The batch again, event by event: an event a read model cannot apply is set aside, the rest applied. */
  const applyCarefully = db.transaction(
    (events: RecordedEvent[], checkpoint: bigint, setAsideNow: SetAsideEvent[]) => {
      for (const event of events) {
        if (!byType.has(event.type)) continue;
        try {
          applyOne(event);
        } catch (error) {
          const { cause, projection, message } = error as Error & { projection: string };
          if (isDatabaseFailure(cause)) throw cause;
          setAsideNow.push(setAside.add(name, event, projection, message));
        }
      }
      checkpoints.store(name, checkpoint);
    },
  );

  /**
   * Under WAL, the runner's own transactions commit at synchronous=NORMAL (no fsync per batch),
   * whatever the connection's setting, which is restored at once: the store's appends on a shared
   * connection keep theirs. Each batch stays atomic, output and checkpoint together; a power loss
   * can take away the last batches committed since the WAL was last synced (by a FULL commit or a
   * checkpoint), and then both their output and their checkpoint: they are replayed on restart.
   */
  const relaxSync = db.pragma('journal_mode', { simple: true }) === 'wal';
  const relaxed = <T>(commit: () => T): T => {
    const setting = relaxSync ? (db.pragma('synchronous', { simple: true }) as number) : undefined;
    if (setting === undefined || setting <= SYNCHRONOUS_NORMAL) return commit();
    db.pragma(`synchronous = NORMAL`);
    try {
      return commit();
    } finally {
      db.pragma(`synchronous = ${setting}`);
    }
  };

  const onEvents = (events: RecordedEvent[], checkpoint: bigint) => {
    try {
      relaxed(() => applyBatch(events, checkpoint));
    } catch (error) {
      for (const projection of projections) projection.discard?.();
      if (isDatabaseFailure(error)) throw error;
      const setAsideNow: SetAsideEvent[] = [];
      try {
        relaxed(() => applyCarefully(events, checkpoint, setAsideNow));
      } catch (carefulError) {
        for (const projection of projections) projection.discard?.();
        throw carefulError;
      }
      for (const entry of setAsideNow) reportSetAside(entry);
    }
    position = checkpoint;
    settleWaiters();
  };

  const eventAt = async (at: bigint): Promise<RecordedEvent | undefined> => {
    const [event] = await store.readAll({ after: at - 1n, maxCount: 1 });
    return event?.globalPosition === at ? event : undefined;
  };

  const onError = (error: Error) => {
    failure = error;
    if (options.onError) options.onError(error);
    else console.error(`projection runner "${name}" stopped:`, error);
  };

  const start = async () => {
    if (subscription !== undefined) return subscription.caughtUp;
    failure = undefined;
    subscription = store.subscribeToAll({
      after: position,
      filter: { eventTypes },
      batchSize: options.batchSize ?? BATCH_SIZE,
      onEvents,
      onCaughtUp: settleWaiters,
      onError,
    });
    return subscription.caughtUp;
  };

  const stop = async () => {
    const running = subscription;
    if (running === undefined) return;
    await running.stop();
    position = checkpoints.load(name) ?? NONE;
    subscription = undefined;
  };

  return {
    start,
    stop,
    get position() {
      return position;
    },
    get failure() {
      return failure;
    },
    get state() {
      return subscription?.state ?? 'stopped';
    },
    waitForPosition(wanted, timeoutMs) {
      if (wanted <= reached()) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          position: wanted,
          resolve,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            resolve(false);
          }, timeoutMs),
        };
        waiters.add(waiter);
        recheck ??= setInterval(settleWaiters, RECHECK_MS);
      });
    },
    async rebuild() {
      const wasRunning = subscription !== undefined;
      await stop();
      db.transaction(() => {
        for (const projection of projections) projection.reset(db);
        setupAll();
        deleteCheckpoint.run(name);
        setAside.clear(name);
      })();
      position = NONE;
      if (wasRunning) await start();
      else {
        await start();
        await stop();
      }
    },
    setAside: () => setAside.list(name),
    async retrySetAside() {
      const outcome: RetryOutcome = { applied: [], stillSetAside: [] };
      for (const entry of setAside.list(name)) {
        const at = BigInt(entry.position);
        const event = await eventAt(at);
        if (event === undefined) {
          outcome.stillSetAside.push(entry);
          continue;
        }
        try {
          db.transaction(() => {
            applyOne(event);
            setAside.remove(name, at);
          })();
          outcome.applied.push(entry);
        } catch (error) {
          const { cause, projection, message } = error as Error & { projection?: string };
          if (projection === undefined || isDatabaseFailure(cause)) throw error;
          outcome.stillSetAside.push(setAside.add(name, event, projection, message));
        }
      }
      return outcome;
    },
  };
}
