/**
 * Event store figures on the embedded SQLite adapter (synchronous=FULL, real temp files):
 * append through the adapter, the same rows through a bare better-sqlite3 loop (the ceiling),
 * a read of the global log from the start, and a checkpointing subscriber catching up.
 */
import { randomFillSync } from 'node:crypto';
import {
  createSqliteCheckpointStore,
  createSqliteEventStore,
  type EventToAppend,
} from '@cadran/event-store';
import { withTempDir } from '@cadran/domain/testing';
import type { BenchGroup } from './group.js';

const TOTAL = 1_000_000;
const BATCH = 1_000;

const usage = (batch: number, index: number) => ({
  tenantId: `tenant-${batch % 50}`,
  gpuModel: 'H100',
  gpuHours: '1.25',
  at: '2026-03-01T10:00:00Z',
  seq: index,
});

async function appendThroughAdapter(path: string): Promise<number> {
  const store = createSqliteEventStore({ path });
  const started = performance.now();
  for (let batch = 0; batch < TOTAL / BATCH; batch++) {
    const events: EventToAppend[] = [];
    for (let index = 0; index < BATCH; index++)
      events.push({ type: 'GpuUsageRecorded', data: usage(batch, index) });
    await store.appendToStream(`usage-${batch}`, events, { expectedRevision: 'no_stream' });
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return TOTAL / seconds;
}

/**
 * The same rows, schema and indexes inserted by hand, 50 rows per INSERT like the adapter: what
 * SQLite itself allows, without validation, expected-revision checks or idempotency lookups.
 */
async function appendBare(path: string): Promise<number> {
  const store = createSqliteEventStore({ path });
  const db = store.database;
  const chunk = 50;
  const insertStream = db.prepare('INSERT INTO streams (name, revision) VALUES (?, ?)');
  const insertEvents = db.prepare(
    `INSERT INTO events (stream_key, revision, id, type, data, metadata) VALUES ${Array(chunk).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
  );
  const appendBatch = db.transaction((batch: number) => {
    const key = Number(insertStream.run(`usage-${batch}`, BATCH - 1).lastInsertRowid);
    const metadata = JSON.stringify({ recordedAt: new Date().toISOString() });
    const ids = randomFillSync(Buffer.allocUnsafe(16 * BATCH));
    const now = Date.now();
    const params: unknown[] = [];
    for (let index = 0; index < BATCH; index++) {
      // Time-ordered like UUIDv7: milliseconds, then a sequence, then random bytes.
      const id = ids.subarray(16 * index, 16 * index + 16);
      id.writeUIntBE(now, 0, 6);
      id.writeUInt32BE(batch * BATCH + index, 6);
      params.push(
        key,
        index,
        id,
        'GpuUsageRecorded',
        JSON.stringify(usage(batch, index)),
        metadata,
      );
      if (params.length === 6 * chunk) {
        insertEvents.run(params);
        params.length = 0;
      }
    }
  });
  const started = performance.now();
  for (let batch = 0; batch < TOTAL / BATCH; batch++) appendBatch.immediate(batch);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return TOTAL / seconds;
}

async function readAllFromStart(path: string): Promise<number> {
  const store = createSqliteEventStore({ path });
  const started = performance.now();
  let after = -1n;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1]!.globalPosition;
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  if (read !== TOTAL) throw new Error(`read ${read} events, expected ${TOTAL}`);
  return read / seconds;
}

async function catchUp(path: string): Promise<number> {
  const store = createSqliteEventStore({ path });
  const checkpoints = createSqliteCheckpointStore(store.database);
  let delivered = 0;
  const commit = store.database.transaction((checkpoint: bigint) =>
    checkpoints.store('bench', checkpoint),
  );
  const started = performance.now();
  const subscription = store.subscribeToAll({
    batchSize: BATCH,
    onEvents: (events, checkpoint) => {
      delivered += events.length;
      commit(checkpoint);
    },
  });
  await subscription.caughtUp;
  const seconds = (performance.now() - started) / 1000;
  await subscription.stop();
  await store.close();
  if (delivered !== TOTAL) throw new Error(`delivered ${delivered} events, expected ${TOTAL}`);
  return delivered / seconds;
}

export const storeBench: BenchGroup = {
  name: 'store',
  run: () =>
    withTempDir('cadran-bench-store-', async (temp) => {
      const log = temp.file('adapter.db');
      const append = await appendThroughAdapter(log);
      const ceiling = await appendBare(temp.file('bare.db'));
      const readAll = await readAllFromStart(log);
      const catchup = await catchUp(log);
      return {
        'store.append.events_per_s': append,
        'store.append.ceiling_events_per_s': ceiling,
        'store.read_all.events_per_s': readAll,
        'store.catchup.events_per_s': catchup,
      };
    }),
};
