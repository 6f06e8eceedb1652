import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGpuUsageRecord } from '@cadran/domain';
import { runTypeScriptChild } from '@cadran/domain/testing';
import { Sqlite, createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createMeteringService, type MeteringService } from './metering-service.js';
import { claimEvent, claimStream, claimedEventId, firstClaimedEventId } from './record-claim.js';
import {
  SITE_ID,
  registerSite,
  seedReferenceData,
  tempDir,
  usageRecord,
} from './reference-data.test-support.js';

const ACKING_CHILD = new URL('./acking.child.ts', import.meta.url);

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
const services: MeteringService[] = [];

const open = (registry?: string) => {
  const service = createMeteringService({
    store,
    ...(registry === undefined ? {} : { registryPath: temp.file(registry) }),
  });
  services.push(service);
  return service;
};
const recordIds = async (siteId = SITE_ID) =>
  (await store.readStream(`usage-${siteId}`)).map((event) => event.data.recordId as string);
const records = (from: number, to: number, prefix = 'u') =>
  Array.from({ length: to - from }, (_, n) => usageRecord(from + n, prefix));

beforeEach(async () => {
  temp = tempDir();
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  await seedReferenceData(store);
  await registerSite(store, 'bru-2');
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await store.close();
  temp.remove();
});

describe('record claims', () => {
  it('writes a claim its writer stopped before writing, once, and counts a re-send of it as duplicates', async () => {
    // What a writer killed between its claim and its site append leaves behind.
    const firstEventId = firstClaimedEventId();
    const claimed = records(0, 3).map((record) => ({
      ...parseGpuUsageRecord(record),
      contractId: 'c-mistral',
    }));
    await store.appendToStream(
      claimStream('usage'),
      [claimEvent({ site: `usage-${SITE_ID}`, after: -1, firstEventId, records: claimed })],
      { expectedRevision: 'no_stream' },
    );

    const result = await open().recordGpuUsage(records(0, 4));
    expect(result).toMatchObject({ accepted: 1, duplicates: 3, rejected: [] });
    const events = await store.readStream(`usage-${SITE_ID}`);
    expect(events.map((event) => event.data.recordId)).toEqual(['u-0', 'u-1', 'u-2', 'u-3']);
    expect(events.slice(0, 3).map((event) => event.id)).toEqual(
      [0, 1, 2].map((index) => claimedEventId(firstEventId, index)),
    );
    expect(BigInt(result.lastPosition)).toBe(events[3]!.globalPosition);
  });

  it('gives time-ordered event ids, the same only for the same claim', () => {
    const first = firstClaimedEventId();
    expect(first).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{7}00000$/,
    );
    expect(claimedEventId(first, 1) > claimedEventId(first, 0)).toBe(true);
    expect(claimedEventId(first, 4095)).toBe(`${first.slice(0, 31)}00fff`);
    expect(firstClaimedEventId()).not.toBe(first);
  });

  it('refuses an id claimed for another site by a writer whose registry never saw it', async () => {
    await open('a.db').recordGpuUsage(records(0, 10));
    const result = await open('b.db').recordGpuUsage([
      { ...usageRecord(3), siteId: 'bru-2' },
      { ...usageRecord(10), siteId: 'bru-2' },
    ]);
    expect(result).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, id: 'u-3', code: 'CONFLICT' }],
    });
    expect(await recordIds('bru-2')).toEqual(['u-10']);
  });

  it('lets two writers racing over two sites with the same ids write each id once', async () => {
    const a = open();
    const b = open();
    const ids = records(0, 2_000);
    const onSite2 = ids.map((record) => ({ ...record, siteId: 'bru-2' }));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        k % 2 === 0
          ? a.recordGpuUsage(ids.slice(k * 250, k * 250 + 500))
          : b.recordGpuUsage(onSite2.slice(k * 250 - 250, k * 250 + 250)),
      ),
    );
    const [site1, site2] = [await recordIds(), await recordIds('bru-2')];
    expect(new Set([...site1, ...site2]).size).toBe(site1.length + site2.length);
    expect(site1.length + site2.length).toBe(results.reduce((sum, r) => sum + r.accepted, 0));
  });

  it('is rebuilt after a restart from its snapshots and the claims appended since, and refuses what they hold', async () => {
    await open('registry.db').recordGpuUsage(records(0, 3_000));
    await services.pop()!.close();
    // Another writer (no snapshots of its own) claims more while the first one is down.
    await open().recordGpuUsage(records(3_000, 4_000));
    const snapshotRuns = () => {
      const db = new Sqlite(temp.file('registry.db'));
      try {
        return db.prepare('SELECT count(*) FROM metering_claim_runs').pluck().get();
      } finally {
        db.close();
      }
    };
    expect(snapshotRuns()).toBe(1);

    const again = await open('registry.db').recordGpuUsage([
      ...records(0, 4_000),
      { ...usageRecord(5), siteId: 'bru-2' },
      { ...usageRecord(3_500), gpuHours: '7' },
      usageRecord(4_000),
    ]);
    expect(again).toMatchObject({ accepted: 1, duplicates: 4_000 });
    expect(again.rejected.map((r) => [r.index, r.id, r.code])).toEqual([
      [4_000, 'u-5', 'CONFLICT'],
      [4_001, 'u-3500', 'CONFLICT'],
    ]);
    expect(await recordIds()).toHaveLength(4_001);
  });
});

describe('a writer killed with SIGKILL', () => {
  const startWriter = (from: number, to: number) => {
    let acked = from;
    const ackedIn = (line: string) => {
      const match = /^acked (\d+)$/.exec(line);
      return match ? Number(match[1]) : undefined;
    };
    const writer = runTypeScriptChild(
      ACKING_CHILD,
      [temp.file('cadran.db'), temp.file('registry.db'), String(from), String(to), '300'],
      { stderr: 'inherit', onLine: (line) => (acked = ackedIn(line) ?? acked) },
    );
    return {
      child: writer.process,
      exited: writer.exited.then(({ signal }) => signal),
      ackedAtLeast: (count: number) => writer.waitForLine((line) => (ackedIn(line) ?? -1) >= count),
      acked: () => acked,
    };
  };

  it('loses nothing it acknowledged, and a re-send of everything writes each record once', async () => {
    let next = 0;
    let last = 0;
    // Three writers in turn, each killed at another instant after a few acknowledged batches.
    for (const delayMs of [0, 7, 23]) {
      const writer = startWriter(next, next + 30_000);
      await writer.ackedAtLeast(next + 900);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      writer.child.kill('SIGKILL');
      // A writer done before the kill (a very slow parent) only makes this round a plain re-send.
      expect(['SIGKILL', null]).toContain(await writer.exited);
      const acked = writer.acked();
      last = next + 30_000;
      const logged = new Set(await recordIds());
      const lost = records(0, acked).filter((record) => !logged.has(record.id));
      expect(lost).toEqual([]);
      next = acked;
    }

    const logged = await recordIds();
    expect(new Set(logged).size).toBe(logged.length);
    // Every record any writer was asked to send, sent again.
    const sent = last;
    const again = await open('registry.db').recordGpuUsage(records(0, sent));
    expect(again.rejected).toEqual([]);
    expect(again.accepted + again.duplicates).toBe(sent);
    // What a killed writer claimed but did not write is written once, and counted as a duplicate.
    expect(again.accepted).toBeLessThanOrEqual(sent - logged.length);
    const after = await recordIds();
    expect(after).toHaveLength(sent);
    expect(new Set(after).size).toBe(sent);

    const third = await open().recordGpuUsage(records(0, sent));
    expect(third).toMatchObject({ accepted: 0, duplicates: sent, rejected: [] });
    expect(await recordIds()).toHaveLength(sent);
  });
});
