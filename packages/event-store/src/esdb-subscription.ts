import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store.js';
import type { EventPredicate } from './subscription-filter.js';
import { commitOf, toRecordedEvent } from './esdb-recorded-event.js';

/**
 * Adapts an EventStoreDB catch-up subscription to the port: events that arrive together are
 * handed over in one batch, and the source is paused while the caller's onEvents runs.
 */
export function startEsdbSubscription(
  source: AllStreamSubscription,
  predicate: EventPredicate | undefined,
  options: SubscribeOptions,
  onStopped: () => void,
): Subscription {
  const batchSize = options.batchSize ?? 1000;
  let checkpoint = options.after ?? -1n;
  let lastSeen = checkpoint;
  const buffer: RecordedEvent[] = [];
  let scheduled = false;
  let flushing: Promise<void> | undefined;
  let serverCaughtUp = false;
  let isCaughtUp = false;
  let stopped = false;
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: Error) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);

  const fail = (error: Error) => {
    if (stopped) return;
    stopped = true;
    rejectCaughtUp(error);
    void source.unsubscribe();
    onStopped();
    if (options.onError) options.onError(error);
    else console.error('event store subscription stopped:', error);
  };

  const markCaughtUpIfDrained = () => {
    if (serverCaughtUp && !isCaughtUp && buffer.length === 0 && flushing === undefined) {
      isCaughtUp = true;
      options.onCaughtUp?.(checkpoint);
      resolveCaughtUp();
    }
  };

  const flush = async () => {
    scheduled = false;
    if (stopped) return;
    if (buffer.length === 0) {
      checkpoint = lastSeen;
      markCaughtUpIfDrained();
      return;
    }
    source.pause();
    const batch = buffer.splice(0, batchSize);
    const batchCheckpoint =
      buffer.length === 0 ? lastSeen : batch[batch.length - 1]!.globalPosition;
    await options.onEvents(batch, batchCheckpoint);
    checkpoint = batchCheckpoint;
  };

  const schedule = () => {
    if (scheduled || flushing !== undefined) return;
    scheduled = true;
    setImmediate(() => {
      flushing = flush()
        .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          flushing = undefined;
          if (stopped) return;
          if (buffer.length > 0) schedule();
          else {
            source.resume();
            markCaughtUpIfDrained();
          }
        });
    });
  };

  source.on('data', (resolved: AllStreamResolvedEvent) => {
    const commit = commitOf(resolved);
    if (commit !== undefined && commit > lastSeen) lastSeen = commit;
    const event = toRecordedEvent(resolved);
    if (event !== undefined && (predicate === undefined || predicate(event.streamName, event.type)))
      buffer.push(event);
    if (buffer.length >= batchSize) source.pause();
    schedule();
  });
  source.on('caughtUp', () => {
    serverCaughtUp = true;
    schedule();
  });
  source.on('error', (error) => fail(error));

  return {
    caughtUp,
    get checkpoint() {
      return checkpoint;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      onStopped();
      await flushing;
      await source.unsubscribe();
    },
  };
}
