import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from './sqlite-event-store.js';
import { createSqliteCheckpointStore } from './checkpoint-store.js';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { PROJECTION, startCountingProjection } from './sqlite-crash/counting-projection.js';

const directory = mkdtempSync(join(tmpdir(), 'cadran-crash-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const childUrl = new URL('./sqlite-crash/crash-child.ts', import.meta.url);

const walSize = (path: string) => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SQLite event store killed with SIGKILL', () => {
  it('holds all of a large append or none of it, and stays writable', async () => {
    const path = join(directory, 'append.db');
    const seed = createSqliteEventStore({ path });
    await seed.appendToStream('before', [{ type: 'Seeded', data: {} }]);
    const headBefore = await seed.headPosition();
    const walBefore = walSize(path);
    await seed.close();

    const child = runTypeScriptChild(childUrl, [path, 'append']);
    await child.waitForLine((line) => line === 'appending');
    // The transaction spills uncommitted pages into the WAL long before it commits.
    while (walSize(path) < walBefore + 8 * 1024 * 1024) await nextTick();
    child.process.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');

    const store = createSqliteEventStore({ path });
    const big = await store.readStream('big');
    expect([0, 400_000]).toContain(big.length);
    expect(big.length).toBe(0);
    expect(await store.headPosition()).toBe(headBefore);
    expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    const retried = await store.appendToStream('big', [{ type: 'BigAppend', data: { index: 0 } }], {
      expectedRevision: 'no_stream',
    });
    expect(retried.nextExpectedRevision).toBe(0n);
    await store.close();
  });

  it('resumes a subscriber from the checkpoint it committed with its read model', async () => {
    const path = join(directory, 'project.db');
    const seed = createSqliteEventStore({ path });
    for (let i = 0; i < 20; i++) {
      await seed.appendToStream(
        `meter-${i}`,
        Array.from({ length: 500 }, (_, index) => ({ type: 'Metered', data: { index } })),
      );
    }
    const head = await seed.headPosition();
    await seed.close();

    const child = runTypeScriptChild(childUrl, [path, 'project']);
    let batches = 0;
    await child.waitForLine((line) => line === 'batch' && ++batches === 10);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    const store = createSqliteEventStore({ path });
    const checkpoint = createSqliteCheckpointStore(store.database).load(PROJECTION);
    expect(checkpoint).toBeDefined();
    expect(checkpoint!).toBeLessThan(head);
    const seenAtCrash = store.database.prepare('SELECT count(*) FROM seen').pluck().get();
    expect(seenAtCrash).toBe(
      Number(checkpoint! - (await store.readAll({ maxCount: 1 }))[0]!.globalPosition) + 1,
    );

    const subscription = startCountingProjection(store);
    await subscription.caughtUp;
    await subscription.stop();
    const counts = store.database
      .prepare(
        'SELECT count(*) AS total, count(DISTINCT position) AS distinctPositions, min(position) AS first, max(position) AS last FROM seen',
      )
      .get();
    expect(counts).toEqual({
      total: 10_000,
      distinctPositions: 10_000,
      first: 1,
      last: Number(head),
    });
    await store.close();
  });
});
