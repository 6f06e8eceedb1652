import type { RecordedEvent, SubscribeOptions, Subscription } from './event-store.js';
import { checkCount, checkPosition } from './validation.js';
import { subscriptionProgress } from './subscription-progress.js';
import { compileFilter, type EventPredicate } from './subscription-filter.js';

/** One page of the global log after a position, plus the position of the last row read. */
export interface LogPage {
  events: RecordedEvent[];
  /** Position of the last event read (before filtering); undefined when nothing was read. */
  lastPosition: bigint | undefined;
  /** Rows read before filtering. */
  read: number;
}

export interface PollingSource {
  readPage(after: bigint, limit: number, predicate: EventPredicate | undefined): LogPage;
  /** Registers a wake-up on commit; returns the unregister function. */
  onCommit(listener: () => void): () => void;
  pollIntervalMs: number;
}

/**
 * Catch up in pages, then go live: woken on commit in this process, and by a timer for commits
 * made by other processes. Pages are read by position, so delivery is in global order with no
 * gap or duplicate: SQLite serialises writers, so a committed position is never overtaken.
 */
export function startPollingSubscription(
  source: PollingSource,
  options: SubscribeOptions,
): Subscription {
  checkPosition('after', options.after);
  checkCount('batchSize', options.batchSize);
  const batchSize = options.batchSize ?? 1000;
  const predicate = compileFilter(options.filter);
  const progress = subscriptionProgress(options);
  let stopped = false;
  let wake: (() => void) | undefined;

  const unregister = source.onCommit(() => wake?.());

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, source.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    while (!stopped) {
      const page = source.readPage(progress.checkpoint, batchSize, predicate);
      if (page.lastPosition !== undefined) {
        if (page.events.length > 0) await options.onEvents(page.events, page.lastPosition);
        progress.checkpoint = page.lastPosition;
      }
      if (page.read < batchSize) {
        if (!progress.isCaughtUp) progress.reachCaughtUp();
        if (!stopped) await sleep();
      }
    }
  };

  const running = loop().catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    stopped = true;
    progress.fail(failure);
    if (options.onError) options.onError(failure);
    else console.error('event store subscription stopped:', failure);
  });

  return progress.subscription(async () => {
    if (progress.state !== 'failed') progress.state = 'stopped';
    stopped = true;
    unregister();
    wake?.();
    await running;
    progress.stopped();
  });
}
