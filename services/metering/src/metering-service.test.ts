import { energyRecordInput } from '@cadran/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqliteEventStore,
  type RecordedEvent,
  type SqliteEventStore,
} from '@cadran/event-store';
import { createMeteringService, type MeteringService } from './metering-service.js';
import {
  SITE_ID,
  onboardTenant,
  registerSite,
  seedReferenceData,
  signContract,
  tempDir,
  usageRecord,
} from './reference-data.test-support.js';

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
let service: MeteringService;

const open = () => {
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  service = createMeteringService({ store });
};

const usageEvents = async (siteId = SITE_ID): Promise<RecordedEvent[]> =>
  store.readStream(`usage-${siteId}`);

beforeEach(async () => {
  temp = tempDir();
  open();
  await seedReferenceData(store);
});

afterEach(async () => {
  await service.close();
  await store.close();
  temp.remove();
});

describe('recordGpuUsage', () => {
  it('holds each of 10,000 records once after sending them three times, once after a restart', async () => {
    const records = Array.from({ length: 10_000 }, (_, n) => usageRecord(n));
    const first = await service.recordGpuUsage(records);
    expect(first).toMatchObject({ accepted: 10_000, duplicates: 0, rejected: [] });

    const second = await service.recordGpuUsage(records);
    expect(second).toMatchObject({ accepted: 0, duplicates: 10_000, rejected: [] });

    await service.close();
    await store.close();
    open();
    const third = await service.recordGpuUsage(records);
    expect(third).toMatchObject({ accepted: 0, duplicates: 10_000, rejected: [] });

    const events = await usageEvents();
    expect(events).toHaveLength(10_000);
    expect(new Set(events.map((e) => e.data.recordId)).size).toBe(10_000);
  });

  it('refuses the same id with other content, naming the id, and writes nothing for it', async () => {
    await service.recordGpuUsage([usageRecord(1)]);
    const result = await service.recordGpuUsage([
      { ...usageRecord(1), gpuHours: '2' },
      usageRecord(2),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      {
        index: 0,
        id: 'u-1',
        code: 'CONFLICT',
        message: expect.stringContaining('record u-1 is already recorded with other content'),
      },
    ]);
    const events = await usageEvents();
    expect(events.map((e) => [e.data.recordId, e.data.gpuHours])).toEqual([
      ['u-1', '1.5'],
      ['u-2', '2.5'],
    ]);
  });

  it('treats a repeat within one call as a duplicate, and other content under the same id as a conflict', async () => {
    const result = await service.recordGpuUsage([
      usageRecord(1),
      usageRecord(1),
      { ...usageRecord(1), gpuHours: '3' },
    ]);
    expect(result).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([[2, 'CONFLICT']]);
    expect(await usageEvents()).toHaveLength(1);
  });

  it('compares content in canonical form: 1.50 GPU-hours and a +00:00 offset are the same record', async () => {
    await service.recordGpuUsage([{ ...usageRecord(1), gpuHours: '1.5' }]);
    const again = {
      ...usageRecord(1),
      gpuHours: '1.50',
      startedAt: usageRecord(1).startedAt.replace('.000Z', '+00:00'),
    };
    expect(await service.recordGpuUsage([again])).toMatchObject({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
  });

  it('rejects invalid records with their index and reason, and keeps the good ones', async () => {
    const records = [
      usageRecord(1),
      { ...usageRecord(2), tenantId: 'nobody' },
      { ...usageRecord(3), siteId: 'nowhere' },
      { ...usageRecord(4), gpuModel: 'MI300X' },
      { ...usageRecord(5), endedAt: usageRecord(5).startedAt },
      { ...usageRecord(6), gpuHours: '-1' },
      { ...usageRecord(7), gpuHours: '13825' },
      42,
      usageRecord(8),
    ];
    const result = await service.recordGpuUsage(records);
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.id, r.code])).toEqual([
      [1, 'u-2', 'NOT_FOUND'],
      [2, 'u-3', 'NOT_FOUND'],
      [3, 'u-4', 'BAD_USER_INPUT'],
      [4, 'u-5', 'BAD_USER_INPUT'],
      [5, 'u-6', 'BAD_USER_INPUT'],
      [6, 'u-7', 'BAD_USER_INPUT'],
      [7, null, 'BAD_USER_INPUT'],
    ]);
    expect(result.rejected[2]!.message).toMatch(/^gpuModel: .*GB300, H200/);
    expect(result.rejected[5]!.message).toMatch(/^gpuHours: expected at most 13824 /);
    expect((await usageEvents()).map((e) => e.data.recordId)).toEqual(['u-1', 'u-8']);
  });

  it('keeps a record of a tenant with no active contract as unbilled (contractId null)', async () => {
    await onboardTenant(store, 'kyutai');
    await signContract(
      store,
      { contractId: 'c-draft', tenantId: 'kyutai', startsAt: '2026-01-01T00:00:00Z', endsAt: null },
      false,
    );
    const result = await service.recordGpuUsage([{ ...usageRecord(1), tenantId: 'kyutai' }]);
    expect(result).toMatchObject({ accepted: 1, rejected: [] });
    expect((await usageEvents())[0]!.data).toMatchObject({
      recordId: 'u-1',
      tenantId: 'kyutai',
      contractId: null,
    });
  });

  it('attributes each record to the contract active at its start, seeing a contract signed just before', async () => {
    await onboardTenant(store, 'kyutai');
    const before = await service.recordGpuUsage([{ ...usageRecord(1, 'k'), tenantId: 'kyutai' }]);
    expect(before.accepted).toBe(1);
    await signContract(store, {
      contractId: 'c-k1',
      tenantId: 'kyutai',
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2026-03-01T00:00:00Z',
    });
    await signContract(store, {
      contractId: 'c-k2',
      tenantId: 'kyutai',
      startsAt: '2026-03-01T00:00:00Z',
      endsAt: null,
    });
    const result = await service.recordGpuUsage([
      {
        ...usageRecord(2, 'k'),
        tenantId: 'kyutai',
        startedAt: '2026-02-28T23:00:00Z',
        endedAt: '2026-02-28T23:30:00Z',
        gpuHours: '1',
      },
      { ...usageRecord(3, 'k'), tenantId: 'kyutai' },
      {
        ...usageRecord(4, 'k'),
        tenantId: 'kyutai',
        startedAt: '2025-12-31T23:00:00Z',
        endedAt: '2026-01-01T01:00:00Z',
        gpuHours: '1',
      },
    ]);
    expect(result).toMatchObject({ accepted: 3, rejected: [] });
    const byId = Object.fromEntries(
      (await usageEvents()).map((e) => [e.data.recordId, e.data.contractId]),
    );
    expect(byId).toEqual({ 'k-1': null, 'k-2': 'c-k1', 'k-3': 'c-k2', 'k-4': null });
  });

  it('refuses an id already recorded for another site', async () => {
    await registerSite(store, 'bru-2');
    await service.recordGpuUsage([usageRecord(1)]);
    const result = await service.recordGpuUsage([{ ...usageRecord(1), siteId: 'bru-2' }]);
    expect(result.rejected.map((r) => [r.id, r.code])).toEqual([['u-1', 'CONFLICT']]);
    expect(await usageEvents('bru-2')).toHaveLength(0);
  });

  const withRegistry = async <T>(
    name: string,
    use: (other: MeteringService) => Promise<T>,
  ): Promise<T> => {
    const other = createMeteringService({ store, registryPath: temp.file(name) });
    try {
      return await use(other);
    } finally {
      await other.close();
    }
  };

  it('catches up with records another writer appended that its registry has not seen', async () => {
    await withRegistry('a.db', (a) => a.recordGpuUsage([usageRecord(1), usageRecord(2)]));
    const result = await withRegistry('b.db', (b) =>
      b.recordGpuUsage([usageRecord(1), usageRecord(2), usageRecord(3)]),
    );
    expect(result).toMatchObject({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await usageEvents()).toHaveLength(3);
  });

  it('is refused by the log when its registry has not seen the id under another site', async () => {
    await registerSite(store, 'bru-2');
    await withRegistry('a.db', (a) => a.recordGpuUsage([usageRecord(1)]));
    const result = await withRegistry('b.db', (b) =>
      b.recordGpuUsage([
        { ...usageRecord(1), siteId: 'bru-2' },
        { ...usageRecord(2), siteId: 'bru-2' },
      ]),
    );
    expect(result).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, id: 'u-1', code: 'CONFLICT' }],
    });
    expect((await usageEvents('bru-2')).map((e) => e.data.recordId)).toEqual(['u-2']);
  });

  it('refuses a call that is not a list', async () => {
    await expect(service.recordGpuUsage('nope' as never)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'records',
    });
  });
});

describe('recordEnergy', () => {
  it('records energy once, attributed, and refuses other content under the same id', async () => {
    const energy = energyRecordInput('120.5');
    expect(await service.recordEnergy([energy])).toMatchObject({
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
    expect(await service.recordEnergy([energy])).toMatchObject({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
    const changed = await service.recordEnergy([
      { ...energy, kwh: '1' },
      { ...energy, id: 'e-2', kwh: '-1' },
    ]);
    expect(changed.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, 'CONFLICT'],
      [1, 'BAD_USER_INPUT'],
    ]);
    const events = await store.readStream(`energy-${SITE_ID}`);
    const { id: recordId, ...fields } = energy;
    expect(events.map((e) => e.data)).toEqual([{ recordId, ...fields, contractId: 'c-mistral' }]);
  });

  it('keeps usage and energy ids apart: the same id may name one of each', async () => {
    await service.recordGpuUsage([usageRecord(1)]);
    const energy = energyRecordInput('1', 'u-1');
    expect(await service.recordEnergy([energy])).toMatchObject({ accepted: 1, rejected: [] });
  });
});
