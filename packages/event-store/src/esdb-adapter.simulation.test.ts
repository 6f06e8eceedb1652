/**
 * SIMULATION: the EventStoreDB adapter and the real @eventstore/db-client against a SIMULATED
 * server (./simulation/simulated-esdb-server.ts), not EventStoreDB. What passes here shows the
 * adapter handles what the server's source says it sends; it does not show a real server does so.
 * The contract against a real server is esdb-event-store.test.ts (ESDB_CONNECTION_STRING).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventStoreContract } from './contract/event-store-contract.js';
import { createEsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store.js';
import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  StoreUnavailableError,
  StreamDeletedError,
} from './errors.js';
import type { EventStore, RecordedEvent, SubscribeOptions } from './event-store.js';
import { startSimulatedEsdb, type SimulatedEsdbNode } from './simulation/simulated-esdb-server.js';

let shared: SimulatedEsdbNode;
beforeAll(async () => {
  shared = await startSimulatedEsdb();
});
afterAll(async () => {
  await shared.stop();
});

eventStoreContract({
  name: 'EventStoreDB adapter against a SIMULATED server',
  location: () => ({ adapter: 'esdb', connectionString: shared.connectionString }),
  detectsReappends: false,
});

const typed = (type: string, count: number): { type: string; data: { index: number } }[] =>
  Array.from({ length: count }, (_, index) => ({ type, data: { index } }));

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('SIMULATION: EventStoreDB adapter against a simulated server', () => {
  const nodes: SimulatedEsdbNode[] = [];
  const stores: EventStore[] = [];
  const node = async (options: Parameters<typeof startSimulatedEsdb>[0] = {}) => {
    const started = await startSimulatedEsdb(options);
    nodes.push(started);
    return started;
  };
  const connect = (
    target: SimulatedEsdbNode,
    options: Omit<EsdbEventStoreOptions, 'connectionString'> = {},
  ) => {
    const store = createEsdbEventStore({
      connectionString: target.connectionString,
      resumeDelays: { firstMs: 20, maxMs: 200 },
      ...options,
    });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await Promise.all(nodes.splice(0).map((started) => started.stop()));
  });

  const collect = (
    store: EventStore,
    options: Partial<SubscribeOptions> = {},
    pause: () => Promise<unknown> = () => new Promise((resolve) => setImmediate(resolve)),
  ) => {
    const received: RecordedEvent[] = [];
    const batches: RecordedEvent[][] = [];
    const checkpoints: bigint[] = [];
    const subscription = store.subscribeToAll({
      ...options,
      onEvents: async (events, checkpoint) => {
        received.push(...events);
        batches.push(events);
        checkpoints.push(checkpoint);
        await pause();
      },
    });
    return { received, batches, checkpoints, subscription };
  };

  it('moves a filtered subscription checkpoint past the events its filter leaves out, so read-your-writes reaches them (finding 1)', async () => {
    const server = await node();
    const store = connect(server);
    await store.appendToStream('kept-1', typed('Kept', 3));
    const { received, subscription } = collect(store, { filter: { eventTypes: ['Kept'] } });
    await subscription.caughtUp;
    const excluded = await store.appendToStream('other-1', typed('Other', 1));
    await until(() => subscription.checkpoint >= excluded.lastPosition);
    expect(received.map((event) => event.type)).toEqual(['Kept', 'Kept', 'Kept']);

    // System events only reach the subscription as the server's checkpoints (every 32 considered).
    server.writeSystemEvents(100);
    const systemHead = server.records.at(-1)!.commit;
    await until(() => subscription.checkpoint >= server.records.at(-40)!.commit);
    expect(subscription.checkpoint).toBeLessThanOrEqual(systemHead);
  });

  it('leaves no read open after headPosition, even past the 100 concurrent streams of a connection (finding 2)', async () => {
    const server = await node({ maxConcurrentStreams: 100 });
    const store = connect(server);
    await store.appendToStream('many-1', typed('A', 400));
    const heads = [];
    for (let i = 0; i < 150; i++) heads.push(await store.headPosition());
    expect(new Set(heads).size).toBe(1);
    await until(() => server.openReads === 0);
    expect(server.cancelledReads).toBeGreaterThanOrEqual(150);
  });

  it('finds the head under more than a page of system events (finding 12)', async () => {
    const server = await node();
    const store = connect(server);
    const written = await store.appendToStream('head-1', typed('A', 2));
    server.writeSystemEvents(250);
    expect(await store.headPosition()).toBe(written.lastPosition);
    server.writeSystemEvents(50);
    const empty = await node();
    empty.writeSystemEvents(120);
    expect(await connect(empty).headPosition()).toBe(-1n);
    await until(() => server.openReads === 0 && empty.openReads === 0);
  });

  it('resolves caughtUp only after every event of the backlog was handed over (finding 3)', async () => {
    const server = await node();
    const store = connect(server);
    for (let i = 0; i < 10; i++) await store.appendToStream(`backlog-${i}`, typed('A', 50));
    const pauses = [() => Promise.resolve(), () => new Promise((resolve) => setImmediate(resolve))];
    for (let run = 0; run < 6; run++) {
      const { received, subscription } = collect(store, { batchSize: 7 }, pauses[run % 2]);
      await subscription.caughtUp;
      expect(received).toHaveLength(500);
      await subscription.stop();
    }
  });

  it('rejects caughtUp when stopped before it caught up (finding 9)', async () => {
    const server = await node();
    const store = connect(server);
    await store.appendToStream('stop-1', typed('A', 300));
    const { subscription } = collect(store, { batchSize: 5 });
    await subscription.stop();
    await expect(subscription.caughtUp).rejects.toThrow(/stopped before it caught up/);
    expect(subscription.state).toBe('stopped');
  });

  it.each(['unavailable', 'cancelled', 'end'] as const)(
    'resumes a subscription the server drops (%s) from its checkpoint, with no gap or duplicate (finding 6)',
    async (how) => {
      const server = await node();
      const store = connect(server);
      await store.appendToStream('drop-1', typed('A', 20));
      const { received, subscription } = collect(store, { batchSize: 3 });
      await subscription.caughtUp;
      expect(server.dropSubscriptions(how)).toBe(1);
      await until(() => subscription.state === 'resuming');
      await store.appendToStream('drop-1', typed('B', 20));
      await until(() => received.length >= 40 && subscription.state === 'live');
      await store.appendToStream('drop-1', typed('C', 5));
      await until(() => received.length >= 45);
      expect(received.map((event) => event.streamRevision)).toEqual(
        Array.from({ length: 45 }, (_, i) => BigInt(i)),
      );
    },
  );

  it('stops and reports a subscription the server refuses for good (finding 6)', async () => {
    const server = await node();
    const store = connect(server);
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({
      onEvents: () => undefined,
      onError: (error) => errors.push(error),
    });
    await subscription.caughtUp;
    server.dropSubscriptions('access-denied');
    await until(() => subscription.state === 'failed');
    expect(errors).toHaveLength(1);
  });

  it('refuses an append over the maximum append size before sending it, and maps the server refusal (finding 7)', async () => {
    const server = await node({ maxAppendSize: 10_000 });
    const store = connect(server, { maxAppendSize: 10_000 });
    const big = Array.from({ length: 20 }, () => ({
      type: 'Big',
      data: { text: 'x'.repeat(600) },
    }));
    await expect(store.appendToStream('big-1', big)).rejects.toBeInstanceOf(AppendTooLargeError);
    expect(server.appendsWritten).toBe(0);
    const trusting = connect(server, { maxAppendSize: 1024 * 1024 });
    await expect(trusting.appendToStream('big-1', big)).rejects.toMatchObject({
      name: 'AppendTooLargeError',
      maxAppendSize: 10_000,
    });
    expect(server.appendsWritten).toBe(0);
    await store.appendToStream('big-1', big.slice(0, 10));
    expect(await store.readStream('big-1')).toHaveLength(10);
  });

  it('sends appends and reads to the leader when connected to a follower (finding 11)', async () => {
    const leader = await node();
    const follower = await leader.startFollower();
    const store = connect(follower);
    const stream = `leader-${randomUUID()}`;
    // The follower has not replicated this write: only the leader can decide on this stream.
    await connect(leader).appendToStream(stream, typed('Seed', 1));
    await expect(
      store.appendToStream(stream, typed('A', 2), { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 0n });
    const result = await store.appendToStream(stream, typed('A', 2), { expectedRevision: 0n });
    expect(result.nextExpectedRevision).toBe(2n);
    expect(await store.readStream(stream)).toHaveLength(3);
    const reader = connect(follower);
    expect(await reader.readStream(stream)).toHaveLength(3);
    expect(await reader.headPosition()).toBe(result.lastPosition);
  });

  it('maps client errors to the port: stream deleted, outcome unknown, unavailable (finding 10)', async () => {
    const server = await node();
    const store = connect(server);
    await store.appendToStream('gone-1', typed('A', 1));
    server.tombstone('gone-1');
    await expect(store.readStream('gone-1')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.appendToStream('gone-1', typed('A', 1))).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
    server.timeOutAppends = true;
    await expect(store.appendToStream('slow-1', typed('A', 1))).rejects.toBeInstanceOf(
      AppendOutcomeUnknownError,
    );
    server.timeOutAppends = false;
    const stopped = await node();
    const orphan = connect(stopped);
    await stopped.stop();
    await expect(orphan.readStream('any-1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('re-sends with the same ids are idempotent at an exact revision; with "any" only while the server remembers the ids (finding 4)', async () => {
    const server = await node({ idCacheSize: 10 });
    const store = connect(server);
    const events = typed('A', 3).map((event) => ({ ...event, id: randomUUID() }));
    await store.appendToStream('ids-1', events, { expectedRevision: 'no_stream' });
    await store.appendToStream('ids-1', events, { expectedRevision: 'no_stream' });
    await store.appendToStream('ids-1', events, { expectedRevision: 'any' });
    expect(await store.readStream('ids-1')).toHaveLength(3);
    await store.appendToStream('filler-1', typed('F', 20));
    await store.appendToStream('ids-1', events, { expectedRevision: 'any' });
    expect(await store.readStream('ids-1')).toHaveLength(6);
  });

  it('keeps the events of an explicit transaction together in pages and batches (finding 13)', async () => {
    const server = await node();
    const store = connect(server);
    const before = await store.appendToStream('tx-1', typed('Before', 1));
    const transaction = server.writeExplicitTransaction('tx-2', typed('InTransaction', 4));
    await store.appendToStream('tx-3', typed('After', 1));

    const page = await store.readAll({ after: -1n, maxCount: 3 });
    expect(page.map((event) => event.type)).toEqual(['Before']);
    const next = await store.readAll({ after: before.lastPosition, maxCount: 3 });
    expect(next.map((event) => event.type)).toEqual([
      'InTransaction',
      'InTransaction',
      'InTransaction',
      'InTransaction',
    ]);
    expect(next[0]!.globalPosition).toBe(transaction[0]!.commit);

    const { received, batches, checkpoints, subscription } = collect(store, { batchSize: 2 });
    await subscription.caughtUp;
    expect(received).toHaveLength(6);
    const inTransaction = (batch: RecordedEvent[]) =>
      batch.filter((event) => event.type === 'InTransaction').length;
    for (const batch of batches) expect([0, 4]).toContain(inTransaction(batch));
    for (const checkpoint of checkpoints) {
      const resumed = collect(store, { after: checkpoint });
      await resumed.subscription.caughtUp;
      expect(resumed.received).toEqual(
        received.filter((event) => event.globalPosition > checkpoint),
      );
    }
  });
});
