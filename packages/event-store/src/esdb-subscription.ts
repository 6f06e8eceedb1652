import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store.js';
import { subscriptionProgress } from './subscription-progress.js';
import type { EventPredicate } from './subscription-filter.js';
import { commitOf, toRecordedEvent } from './esdb-recorded-event.js';

/** Opens one client subscription after a position, calling back on the server's checkpoints. */
export type OpenEsdbSubscription = (
  after: bigint,
  onServerCheckpoint: (source: AllStreamSubscription, position: Position) => void,
) => AllStreamSubscription;

export interface ResumeDelays {
  /** Pause before the first attempt to resume a dropped subscription; doubled on each failure. */
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RESUME_DELAYS: ResumeDelays = { firstMs: 200, maxMs: 10_000 };

/** Errors after which the subscription is opened again from its checkpoint; any other stops it. */
const isTransient = (error: unknown) =>
  error instanceof UnavailableError ||
  error instanceof CancelledError ||
  error instanceof DeadlineExceededError ||
  error instanceof TimeoutError ||
  error instanceof NotLeaderError;

/**
 * Adapts EventStoreDB catch-up subscriptions to the port. Events that arrive together are handed
 * over in one batch, and the source is paused while the caller's onEvents runs.
 *
 * The client reports `caughtUp` and the server's checkpoints when it receives them, while events
 * received before them may still wait in its buffer: both take effect only once those events have
 * been taken (`received` reaches the count noted when they came). A dropped or ended subscription
 * is opened again from the last completed checkpoint, after a growing pause.
 *
 * Events of one explicit transaction (written by another client through the TCP API) share one
 * commit position: they are handed over in one batch, and the checkpoint never points inside one.
 */
export function startEsdbSubscription(
  open: OpenEsdbSubscription,
  predicate: EventPredicate | undefined,
  options: SubscribeOptions,
  onStopped: () => void,
  delays: ResumeDelays = DEFAULT_RESUME_DELAYS,
): Subscription {
  const batchSize = options.batchSize ?? 1000;
  const progress = subscriptionProgress(options);
  let lastSeen = progress.checkpoint;
  /** Commit position of a transaction whose events may not all have arrived yet. */
  let openTransaction: bigint | undefined;
  const buffer: RecordedEvent[] = [];
  let markers: { at: number; apply: () => void }[] = [];
  let received = 0;
  let scheduled = false;
  let flushing: Promise<void> | undefined;
  let serverCaughtUp = false;
  let stopped = false;
  let generation = 0;
  let delay = delays.firstMs;
  let resumeTimer: NodeJS.Timeout | undefined;

  const resumePosition = () => {
    const safe = openTransaction === undefined ? lastSeen : openTransaction - 1n;
    return safe > progress.checkpoint ? safe : progress.checkpoint;
  };

  const fail = (error: Error) => {
    if (stopped) return;
    stopped = true;
    progress.fail(error);
    void source.unsubscribe();
    onStopped();
    if (options.onError) options.onError(error);
    else console.error('event store subscription stopped:', error);
  };

  const markCaughtUpIfDrained = () => {
    const drained = buffer.length === 0 && flushing === undefined;
    if (serverCaughtUp && !progress.isCaughtUp && drained) progress.reachCaughtUp();
  };

  const deliverable = () => {
    if (openTransaction === undefined) return buffer.length;
    const held = buffer.findIndex((event) => event.globalPosition === openTransaction);
    return held < 0 ? buffer.length : held;
  };

  const flush = async (current: AllStreamSubscription) => {
    scheduled = false;
    if (stopped || current !== source || progress.state === 'resuming') return;
    const ready = deliverable();
    if (ready === 0) {
      progress.checkpoint = resumePosition();
      markCaughtUpIfDrained();
      return;
    }
    current.pause();
    let count = Math.min(batchSize, ready);
    while (count < ready && buffer[count]!.globalPosition === buffer[count - 1]!.globalPosition)
      count++;
    const batch = buffer.splice(0, count);
    const batchCheckpoint =
      buffer.length === 0 ? resumePosition() : batch[batch.length - 1]!.globalPosition;
    await options.onEvents(batch, batchCheckpoint);
    progress.checkpoint = batchCheckpoint;
  };

  const schedule = () => {
    if (scheduled || flushing !== undefined) return;
    scheduled = true;
    const current = source;
    setImmediate(() => {
      flushing = flush(current)
        .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          flushing = undefined;
          if (stopped || current !== source || progress.state === 'resuming') return;
          // Events, or a checkpoint or caughtUp that took effect while this batch ran.
          if (deliverable() > 0 || resumePosition() > progress.checkpoint) schedule();
          else {
            current.resume();
            markCaughtUpIfDrained();
          }
        });
    });
  };

  const applyDueMarkers = () => {
    while (markers.length > 0 && markers[0]!.at <= received) markers.shift()!.apply();
  };

  /** Runs `apply` once every event the client had queued before this moment has been taken. */
  const afterQueued = (current: AllStreamSubscription, apply: () => void) => {
    if (current !== source) return;
    markers.push({ at: received + current.readableLength, apply });
    applyDueMarkers();
  };

  const onServerCheckpoint = (current: AllStreamSubscription, position: Position) =>
    afterQueued(current, () => {
      // A checkpoint inside an explicit transaction (prepare before its commit) covers only the
      // position before that commit.
      const covered = position.prepare < position.commit ? position.commit - 1n : position.commit;
      if (covered > lastSeen) lastSeen = covered;
      if (openTransaction !== undefined && covered > openTransaction) openTransaction = undefined;
      schedule();
    });

  const resume = () => {
    if (stopped || progress.state === 'resuming') return;
    progress.state = 'resuming';
    generation++;
    const dropped = source;
    void dropped.unsubscribe();
    const wait = delay;
    delay = Math.min(delay * 2, delays.maxMs);
    void (async () => {
      await flushing;
      buffer.length = 0;
      markers = [];
      received = 0;
      lastSeen = progress.checkpoint;
      if (!progress.isCaughtUp) serverCaughtUp = false;
      openTransaction = undefined;
      resumeTimer = setTimeout(() => {
        resumeTimer = undefined;
        if (stopped) return;
        progress.state = progress.isCaughtUp ? 'live' : 'catching-up';
        attach(open(progress.checkpoint, onServerCheckpoint));
      }, wait);
    })();
  };

  let source: AllStreamSubscription;
  const attach = (current: AllStreamSubscription) => {
    source = current;
    const mine = generation;
    const live = () => mine === generation && !stopped;
    current.on('confirmation', () => {
      if (live()) delay = delays.firstMs;
    });
    current.on('data', (resolved: AllStreamResolvedEvent) => {
      if (!live()) return;
      received++;
      const commit = commitOf(resolved);
      const prepare = resolved.event?.position?.prepare;
      if (commit !== undefined) {
        if (openTransaction !== undefined && commit !== openTransaction)
          openTransaction = undefined;
        if (commit > lastSeen) lastSeen = commit;
        if (prepare !== undefined && prepare < commit) openTransaction = commit;
      }
      const event = toRecordedEvent(resolved);
      if (
        event !== undefined &&
        (predicate === undefined || predicate(event.streamName, event.type))
      )
        buffer.push(event);
      applyDueMarkers();
      if (buffer.length >= batchSize) current.pause();
      schedule();
    });
    current.on('caughtUp', () =>
      afterQueued(current, () => {
        serverCaughtUp = true;
        openTransaction = undefined;
        schedule();
      }),
    );
    current.on('error', (error: Error) => {
      if (!live()) return;
      if (isTransient(error)) resume();
      else fail(error);
    });
    current.on('end', () => {
      if (live()) resume();
    });
  };
  attach(open(progress.checkpoint, onServerCheckpoint));

  return progress.subscription(async () => {
    if (stopped) return;
    stopped = true;
    progress.state = 'stopped';
    if (resumeTimer !== undefined) clearTimeout(resumeTimer);
    onStopped();
    await flushing;
    await source.unsubscribe();
    progress.stopped();
  });
}
