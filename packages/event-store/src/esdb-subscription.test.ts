/**
 * The subscription adapter fed by a STAND-IN for the client's Subscription stream (an object-mode
 * PassThrough: the client's Subscription is a Transform that emits 'caughtUp' when the message
 * reaches it, not when the events before it were read). Used where the order of events on the
 * client side must be exact; the simulated-server tests cover the rest.
 */
import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SubscribeOptions } from './event-store.js';
import { startEsdbSubscription, type OpenEsdbSubscription } from './esdb-subscription.js';

const resolved = (index: number): AllStreamResolvedEvent => ({
  event: {
    streamId: 'standin-1',
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    revision: BigInt(index),
    type: 'A',
    data: { index },
    metadata: {},
    isJson: true,
    created: new Date(0),
    position: { commit: BigInt(1000 + index * 100), prepare: BigInt(1000 + index * 100) },
  },
  commitPosition: BigInt(1000 + index * 100),
});

const standIn = () =>
  Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribe: async () => undefined,
  }) as unknown as AllStreamSubscription & PassThrough;

/** The adapter on a stand-in source, and a way to send it a server checkpoint as the client does. */
function subscribeToStandIn(options: SubscribeOptions) {
  const source = standIn();
  let onCheckpoint!: Parameters<OpenEsdbSubscription>[1];
  const subscription = startEsdbSubscription(
    (_after, onServerCheckpoint) => {
      onCheckpoint = onServerCheckpoint;
      return source;
    },
    undefined,
    options,
    () => undefined,
  );
  const checkpointAt = (commit: bigint, prepare = commit) =>
    onCheckpoint(source, { commit, prepare });
  return { source, subscription, checkpointAt };
}

describe('esdb subscription adapter, with a stand-in client stream', () => {
  it('resolves caughtUp only once the events the client queued before caughtUp were handed over (finding 3)', async () => {
    const source = standIn();
    const received: RecordedEvent[] = [];
    let first = true;
    const subscription = startEsdbSubscription(
      () => source,
      undefined,
      {
        batchSize: 3,
        onEvents: (events) => {
          received.push(...events);
          if (!first) return;
          first = false;
          // The source is paused here: these wait in its buffer when caughtUp is emitted.
          for (let i = 3; i < 6; i++) source.write(resolved(i));
          source.emit('caughtUp');
        },
      },
      () => undefined,
    );
    for (let i = 0; i < 3; i++) source.write(resolved(i));
    await subscription.caughtUp;
    expect(received.map((event) => event.data.index)).toEqual([0, 1, 2, 3, 4, 5]);
    await subscription.stop();
  });

  it('moves the checkpoint on a server checkpoint only after the events queued before it (finding 1)', async () => {
    const checkpoints: bigint[] = [];
    const { source, subscription, checkpointAt } = subscribeToStandIn({
      batchSize: 2,
      onEvents: (events, checkpoint) => {
        checkpoints.push(checkpoint);
        if (events[0]!.data.index !== 0) return;
        for (let i = 2; i < 4; i++) source.write(resolved(i));
        checkpointAt(9000n);
      },
    });
    for (let i = 0; i < 2; i++) source.write(resolved(i));
    source.emit('caughtUp');
    await subscription.caughtUp;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(checkpoints).toEqual([1100n, 9000n]);
    expect(subscription.checkpoint).toBe(9000n);
    await subscription.stop();
  });

  it('takes a server checkpoint whose prepare is before its commit as covering only what precedes that commit', async () => {
    const { source, subscription, checkpointAt } = subscribeToStandIn({
      onEvents: () => undefined,
    });
    source.emit('caughtUp');
    await subscription.caughtUp;
    // A read position such as the server's TFPos(next record, 0): an event may still be at 9000.
    checkpointAt(9000n, 0n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(subscription.checkpoint).toBe(8999n);
    checkpointAt(9500n);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(subscription.checkpoint).toBe(9500n);
    await subscription.stop();
  });
});
