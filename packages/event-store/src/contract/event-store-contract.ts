import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EventIdConflictError,
  EventStoreInputError,
  WrongExpectedRevisionError,
} from '../errors.js';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.js';
import { openStore, type StoreLocation } from './store-location.js';
import { runTypeScriptChild } from '@cadran/domain/testing';
import type { AppendTask } from './append-child.js';

export interface ContractTarget {
  name: string;
  /** Where a log for one test lives: a fresh temp file, or the one shared server. */
  location(): StoreLocation;
  /**
   * Whether the adapter itself sees re-appends: reports `written: 0` and refuses a known id with
   * other content. EventStoreDB acknowledges a re-append like a write and cannot tell either.
   */
  detectsReappends: boolean;
}

const typed = (type: string, count: number, extra: Record<string, string> = {}): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => ({ type, data: { index, ...extra } }));

const streamOf = (prefix: string) => `${prefix}-${randomUUID()}`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The contract every EventStore adapter passes. */
export function eventStoreContract(target: ContractTarget): void {
  describe(`event store contract: ${target.name}`, () => {
    const open: EventStore[] = [];
    const connect = async (location: StoreLocation) => {
      const store = await openStore(location);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((store) => store.close()));
    });

    it('checks the four expected-revision forms and names stream, expected and actual on conflict', async () => {
      const store = await connect(target.location());
      const stream = streamOf('contract');

      const noStream = await rejection(
        store.appendToStream(stream, typed('A', 1), { expectedRevision: 'stream_exists' }),
      );
      expect(noStream).toBeInstanceOf(WrongExpectedRevisionError);
      expect(noStream).toMatchObject({
        streamName: stream,
        expected: 'stream_exists',
        actual: 'no_stream',
      });
      expect(await store.readStream(stream)).toEqual([]);

      const first = await store.appendToStream(stream, typed('A', 2), {
        expectedRevision: 'no_stream',
      });
      expect(first.nextExpectedRevision).toBe(1n);

      const exists = await rejection(
        store.appendToStream(stream, typed('A', 1), { expectedRevision: 'no_stream' }),
      );
      expect(exists).toMatchObject({
        name: 'WrongExpectedRevisionError',
        streamName: stream,
        expected: 'no_stream',
        actual: 1n,
      });

      const wrong = await rejection(
        store.appendToStream(stream, typed('A', 1), { expectedRevision: 0n }),
      );
      expect(wrong).toMatchObject({ streamName: stream, expected: 0n, actual: 1n });

      expect(
        (await store.appendToStream(stream, typed('B', 1), { expectedRevision: 1n }))
          .nextExpectedRevision,
      ).toBe(2n);
      expect(
        (await store.appendToStream(stream, typed('B', 1), { expectedRevision: 'stream_exists' }))
          .nextExpectedRevision,
      ).toBe(3n);
      expect(
        (await store.appendToStream(stream, typed('B', 1), { expectedRevision: 'any' }))
          .nextExpectedRevision,
      ).toBe(4n);
      expect((await store.appendToStream(stream, typed('B', 1))).nextExpectedRevision).toBe(5n);
      const revisions = (await store.readStream(stream)).map((event) => event.streamRevision);
      expect(revisions).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    });

    it('leaves the stream exactly as it was after a refused append, and takes the next right one', async () => {
      const store = await connect(target.location());
      const stream = streamOf('refused');
      await store.appendToStream(stream, typed('A', 2), { expectedRevision: 'no_stream' });
      const before = await store.readStream(stream);
      const headBefore = await store.headPosition();

      expect(
        await rejection(store.appendToStream(stream, typed('A', 3), { expectedRevision: 5n })),
      ).toBeInstanceOf(WrongExpectedRevisionError);
      const bad = [...typed('A', 2), { type: 'A', data: { amount: Number.NaN } }];
      const refused = await rejection(store.appendToStream(stream, bad, { expectedRevision: 1n }));
      expect(refused).toBeInstanceOf(EventStoreInputError);
      expect(refused).toMatchObject({ field: 'events[2].data.amount' });
      const badType = await rejection(
        store.appendToStream(stream, [{ type: 'has space', data: {} }]),
      );
      expect(badType).toMatchObject({ name: 'EventStoreInputError', field: 'events[0].type' });
      const badStream = await rejection(store.appendToStream('$system', typed('A', 1)));
      expect(badStream).toMatchObject({ name: 'EventStoreInputError', field: 'streamName' });

      expect(await store.readStream(stream)).toEqual(before);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(headBefore);
      const next = await store.appendToStream(stream, typed('C', 2), { expectedRevision: 1n });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(
        (await store.readStream(stream)).map((event) => [event.type, event.streamRevision]),
      ).toEqual([
        ['A', 0n],
        ['A', 1n],
        ['C', 2n],
        ['C', 3n],
      ]);
    });

    it('lets exactly one of two processes appending at once with the same expected revision win', async () => {
      const location = target.location();
      const store = await connect(location);
      const stream = streamOf('race');
      await store.appendToStream(stream, typed('Seed', 1), { expectedRevision: 'no_stream' });
      const childUrl = new URL('./append-child.ts', import.meta.url);
      const children = ['left', 'right'].map((writer) => {
        const task: AppendTask = { stream, count: 500, expectedRevision: '0', writer };
        return runTypeScriptChild(childUrl, [JSON.stringify(location), JSON.stringify(task)]);
      });
      await Promise.all(children.map((child) => child.waitForLine((line) => line === 'ready')));
      for (const child of children) child.process.stdin?.write('go\n');
      const results = await Promise.all(
        children.map(
          async (child) =>
            JSON.parse(await child.waitForLine((line) => line.startsWith('{'))) as {
              ok: boolean;
              actual?: string;
            },
        ),
      );
      await Promise.all(children.map((child) => child.exited));

      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)?.actual).toBe('500');
      const events = await store.readStream(stream);
      expect(events).toHaveLength(501);
      const winner =
        children[results.findIndex((result) => result.ok)] === children[0] ? 'left' : 'right';
      expect(new Set(events.slice(1).map((event) => event.data.writer))).toEqual(new Set([winner]));
    });

    it('keeps a re-append idempotent across a restart and refuses a known id with other content', async () => {
      const location = target.location();
      const stream = streamOf('idempotent');
      const events: EventToAppend[] = typed('A', 3).map((event) => ({
        ...event,
        id: randomUUID(),
      }));
      const first = await connect(location);
      const original = await first.appendToStream(stream, events, {
        expectedRevision: 'no_stream',
      });
      const originalEvents = await first.readStream(stream);
      await first.close();

      const reopened = await connect(location);
      const again = await reopened.appendToStream(stream, events, {
        expectedRevision: 'no_stream',
      });
      expect(again.nextExpectedRevision).toBe(original.nextExpectedRevision);
      expect(await reopened.readStream(stream)).toEqual(originalEvents);
      expect(originalEvents.map((event) => event.id)).toEqual(events.map((event) => event.id));
      if (target.detectsReappends) {
        expect(again).toEqual({ ...original, written: 0 });
        const changed = [{ ...events[0]!, data: { index: 99 } }];
        const conflict = await rejection(reopened.appendToStream(stream, changed));
        expect(conflict).toBeInstanceOf(EventIdConflictError);
        expect(conflict).toMatchObject({ eventId: events[0]!.id, streamName: stream });
        expect(await reopened.readStream(stream)).toEqual(originalEvents);
      }
    });

    it('reads streams forwards and backwards from a revision and the log after a position', async () => {
      const store = await connect(target.location());
      const left = streamOf('left');
      const right = streamOf('right');
      const head = await store.headPosition();
      for (let round = 0; round < 3; round++) {
        await store.appendToStream(left, typed('L', 2, { round: String(round) }));
        await store.appendToStream(right, typed('R', 1, { round: String(round) }));
      }
      expect(await store.readStream(streamOf('missing'))).toEqual([]);
      const forwards = await store.readStream(left, { fromRevision: 2n, maxCount: 3 });
      expect(forwards.map((event) => event.streamRevision)).toEqual([2n, 3n, 4n]);
      const backwards = await store.readStream(left, {
        direction: 'backwards',
        fromRevision: 3n,
        maxCount: 2,
      });
      expect(backwards.map((event) => event.streamRevision)).toEqual([3n, 2n]);
      const latest = await store.readStream(left, { direction: 'backwards', maxCount: 1 });
      expect(latest.map((event) => event.streamRevision)).toEqual([5n]);

      const ours = (events: RecordedEvent[]) =>
        events.filter((event) => event.streamName === left || event.streamName === right);
      const all = ours(await store.readAll({ after: head, maxCount: 10_000 }));
      expect(all.map((event) => `${event.type}${event.data.round}`)).toEqual([
        'L0',
        'L0',
        'R0',
        'L1',
        'L1',
        'R1',
        'L2',
        'L2',
        'R2',
      ]);
      const positions = all.map((event) => event.globalPosition);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
      const fromMiddle = ours(
        await store.readAll({ after: all[3]!.globalPosition, maxCount: 10_000 }),
      );
      expect(fromMiddle).toEqual(all.slice(4));
      const page = await store.readAll({ after: all[0]!.globalPosition, maxCount: 2 });
      expect(page.map((event) => event.globalPosition)).toEqual(positions.slice(1, 3));
      expect(await store.headPosition()).toBe(all[all.length - 1]!.globalPosition);
      expect(all[0]!.metadata.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('wakes a live subscription for events another process appends', async () => {
      const location = target.location();
      const store = await connect(location);
      const stream = streamOf('remote');
      const received: RecordedEvent[] = [];
      let arrived: () => void = () => undefined;
      const allArrived = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const subscription = store.subscribeToAll({
        after: await store.headPosition(),
        filter: { streamPrefixes: [stream] },
        onEvents: (events) => {
          received.push(...events);
          if (received.length >= 300) arrived();
        },
      });
      await subscription.caughtUp;
      const task: AppendTask = {
        stream,
        count: 300,
        expectedRevision: 'no_stream',
        writer: 'remote',
      };
      const child = runTypeScriptChild(new URL('./append-child.ts', import.meta.url), [
        JSON.stringify(location),
        JSON.stringify(task),
      ]);
      await child.waitForLine((line) => line === 'ready');
      child.process.stdin?.write('go\n');
      await allArrived;
      await subscription.stop();
      expect((await child.exited).code).toBe(0);
      expect(received.map((event) => event.streamRevision)).toEqual(
        Array.from({ length: 300 }, (_, i) => BigInt(i)),
      );
    });

    it('catches a subscription up, then delivers live events in global order with no gap or duplicate', async () => {
      const location = target.location();
      const store = await connect(location);
      const writer = await connect(location);
      const prefix = `sub${randomUUID().slice(0, 8)}-`;
      const head = await store.headPosition();
      for (let i = 0; i < 5; i++) {
        await writer.appendToStream(`${prefix}${i % 3}`, [
          ...typed('Kept', 6),
          ...typed('Dropped', 2),
        ]);
        await writer.appendToStream(streamOf('other'), typed('Kept', 2));
      }
      const received: RecordedEvent[] = [];
      const checkpoints: bigint[] = [];
      let wanted = 0;
      let reached: () => void = () => undefined;
      const subscription = store.subscribeToAll({
        after: head,
        batchSize: 7,
        filter: { streamPrefixes: [prefix], eventTypes: ['Kept'] },
        onEvents: (events, checkpoint) => {
          received.push(...events);
          checkpoints.push(checkpoint);
          if (received.length >= wanted) reached();
        },
      });
      await subscription.caughtUp;
      expect(received).toHaveLength(30);
      wanted = 30 + 24;
      const allLive = new Promise<void>((resolve) => {
        reached = resolve;
      });
      for (let i = 0; i < 4; i++) {
        await writer.appendToStream(`${prefix}${i % 3}`, [
          ...typed('Kept', 6),
          ...typed('Dropped', 1),
        ]);
      }
      await allLive;
      await subscription.stop();

      const expected = (await store.readAll({ after: head, maxCount: 10_000 })).filter(
        (event) => event.streamName.startsWith(prefix) && event.type === 'Kept',
      );
      expect(received).toEqual(expected);
      expect(received).toHaveLength(54);
      for (let i = 1; i < checkpoints.length; i++)
        expect(checkpoints[i]!).toBeGreaterThan(checkpoints[i - 1]!);
      expect(subscription.checkpoint).toBeGreaterThanOrEqual(
        received[received.length - 1]!.globalPosition,
      );
    });
  });
}
