import type { SubscribeOptions, Subscription, SubscriptionState } from './event-store.js';

/**
 * What a subscription tells its holder, kept the same way by every adapter: the checkpoint handed
 * over, its state, and the first catch-up (`caughtUp` resolves once, and rejects if the
 * subscription fails or is stopped before).
 */
export function subscriptionProgress(options: Pick<SubscribeOptions, 'after' | 'onCaughtUp'>) {
  let resolveCaughtUp!: () => void;
  let rejectCaughtUp!: (error: Error) => void;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  caughtUp.catch(() => undefined);

  const progress = {
    checkpoint: options.after ?? -1n,
    state: 'catching-up' as SubscriptionState,
    isCaughtUp: false,
    /** The first catch-up: live (unless resuming meanwhile), and the holder is told. */
    reachCaughtUp(): void {
      progress.isCaughtUp = true;
      if (progress.state === 'catching-up') progress.state = 'live';
      options.onCaughtUp?.(progress.checkpoint);
      resolveCaughtUp();
    },
    fail(error: Error): void {
      progress.state = 'failed';
      rejectCaughtUp(error);
    },
    /** Once stopped by its holder: `caughtUp` rejects if it never caught up. */
    stopped(): void {
      if (!progress.isCaughtUp)
        rejectCaughtUp(new Error('subscription stopped before it caught up'));
    },
    /** The holder's handle, stopped by `stop`. */
    subscription: (stop: () => Promise<void>): Subscription => ({
      caughtUp,
      get checkpoint() {
        return progress.checkpoint;
      },
      get state() {
        return progress.state;
      },
      stop,
    }),
  };
  return progress;
}
