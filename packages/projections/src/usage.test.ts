import { beforeEach, describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import {
  contract,
  energy,
  site,
  tenant,
  usage,
  type Harness,
  useHarness,
} from './fixtures.test-support.js';
import { createProjectionRunner } from './projection-runner.js';
import { createReadModelProjections } from './read-model-projections.js';
import { createReadModelQueries } from './create-read-model-queries.js';

let h!: Harness;
useHarness(
  (opened) => (h = opened),
  () => [site(), tenant(), ...contract()],
);

const sum = (values: string[]) =>
  values.reduce((total, v) => total.plus(v), new Decimal(0)).toFixed();

/** March 2026 in UTC. */
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
/** Contract c-mistral's hourly usage sums from `from` to `to`. */
const usageBuckets = (from = MARCH.from, to = MARCH.to) =>
  h.queries.usageBuckets('c-mistral', from, to);

describe('usage and energy read models', () => {
  it('split a record over the UTC hours it spans, pro rata and exactly', async () => {
    // 10:30 → 12:15 (105 minutes): 30/105, 60/105 and 15/105 of 1 GPU-hour.
    await h.record(usage('u-1', '2026-03-02T10:30:00Z', '2026-03-02T12:15:00Z', '1'));
    const buckets = usageBuckets();
    expect(buckets).toEqual(
      [
        ['2026-03-02T10:00:00Z', '0.285714'],
        ['2026-03-02T11:00:00Z', '0.571428'],
        ['2026-03-02T12:00:00Z', '0.142858'],
      ].map(([hourStart, gpuHours]) => ({
        gpuModel: 'GB300',
        hourStart,
        gpuHours,
        recordCount: 1,
      })),
    );
    expect(sum(buckets.map((b) => b.gpuHours))).toBe('1');
  });

  it('sums records per hour and model, and splits across a billing period boundary', async () => {
    await h.record(
      usage('u-1', '2026-03-31T21:00:00Z', '2026-03-31T22:00:00Z', '100.25'),
      usage('u-2', '2026-03-31T21:10:00Z', '2026-03-31T21:20:00Z', '0.5'),
      usage('u-3', '2026-03-31T21:00:00Z', '2026-03-31T22:00:00Z', '3', { gpuModel: 'H200' }),
      // Across the end of March in Paris (22:00 UTC): half before, half after.
      usage('u-4', '2026-03-31T21:30:00Z', '2026-03-31T22:30:00Z', '7.000001'),
    );
    const march = usageBuckets('2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z');
    expect(march).toEqual([
      { gpuModel: 'GB300', hourStart: '2026-03-31T21:00:00Z', gpuHours: '104.25', recordCount: 3 },
      { gpuModel: 'H200', hourStart: '2026-03-31T21:00:00Z', gpuHours: '3', recordCount: 1 },
    ]);
    const april = usageBuckets('2026-03-31T22:00:00Z', '2026-04-30T22:00:00Z');
    expect(april).toEqual([
      {
        gpuModel: 'GB300',
        hourStart: '2026-03-31T22:00:00Z',
        gpuHours: '3.500001',
        recordCount: 1,
      },
    ]);
  });

  it('keeps every record for provenance, sorted by id and paged', async () => {
    await h.record(
      usage('u-b', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'),
      usage('u-a', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z', '2', { gpuModel: 'H200' }),
      usage('u-c', '2026-03-03T10:00:00Z', '2026-03-03T11:00:00Z', '3.1234567'),
      usage('u-april', '2026-04-03T10:00:00Z', '2026-04-03T11:00:00Z', '3'),
    );
    const page = (after?: string, gpuModel?: string) =>
      h.queries.usageRecords({ contractId: 'c-mistral', ...MARCH, limit: 2, after, gpuModel });
    const first = page();
    expect(first.map((r) => r.recordId)).toEqual(['u-a', 'u-b']);
    expect(page('u-b').map((r) => r.recordId)).toEqual(['u-c']);
    expect(page(undefined, 'H200').map((r) => r.recordId)).toEqual(['u-a']);
    const c = page('u-b')[0]!;
    // The exact quantity stays on the record; sums use it rounded half-up to 6 decimals.
    expect(c).toMatchObject({
      gpuModel: 'GB300',
      quantity: '3.1234567',
      startedAt: '2026-03-03T10:00:00Z',
      endedAt: '2026-03-03T11:00:00Z',
    });
    const events = await h.store.readStream('usage-bru-1');
    expect(c.eventId).toBe(events[2]!.id);
    expect(usageBuckets('2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z')[0]!.gpuHours).toBe(
      '3.123457',
    );
    expect(() =>
      h.queries.usageRecords({ contractId: 'c-mistral', ...MARCH, from: 'x', limit: 1 }),
    ).toThrow(/from: expected an RFC 3339 instant/);
    expect(() => h.queries.usageRecords({ contractId: 'c-mistral', ...MARCH, limit: 0 })).toThrow(
      /limit/,
    );
  });

  it('energy per hour and its records', async () => {
    await h.record(
      energy('e-1', '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z', '1000'),
      energy('e-2', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '0.5'),
    );
    expect(h.queries.energyBuckets('c-mistral', MARCH.from, MARCH.to)).toEqual([
      { hourStart: '2026-03-02T10:00:00Z', kwh: '500.5', recordCount: 2 },
      { hourStart: '2026-03-02T11:00:00Z', kwh: '500', recordCount: 1 },
    ]);
    const records = h.queries.energyRecords({ contractId: 'c-mistral', ...MARCH, limit: 10 });
    expect(records.map((r) => [r.recordId, r.gpuModel, r.quantity])).toEqual([
      ['e-1', null, '1000'],
      ['e-2', null, '0.5'],
    ]);
  });

  it('usage without a contract is unbilled, by tenant, site and model', async () => {
    await h.record(
      usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1.5', { contractId: null }),
      usage('u-2', '2026-03-02T10:00:00Z', '2026-03-02T13:00:00Z', '2', { contractId: null }),
      usage('u-3', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '9'),
    );
    expect(h.queries.unbilledUsage()).toEqual([
      { tenantId: 'mistral', siteId: 'bru-1', gpuModel: 'GB300', gpuHours: '3.5', recordCount: 2 },
    ]);
    expect(h.queries.unbilledUsage({ tenantId: 'other' })).toEqual([]);
    expect(usageBuckets().map((b) => b.gpuHours)).toEqual(['9']);
  });

  it('ignores a record id already recorded for the contract', async () => {
    await h.record(usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'));
    // Another event (the store refuses the same id twice, so a new event id) carrying the same record.
    await h.record(usage('u-1', '2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '1'));
    expect(usageBuckets()[0]!.gpuHours).toBe('1');
  });
});

describe('usage records in one batch', () => {
  it('a batch of many records, one known before and one repeated in it, counts each record once', async () => {
    const at = ['2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'] as const;
    await h.record(usage('known', ...at, '1'));
    await h.runner.stop();
    const events = Array.from({ length: 120 }, (_, n) => usage(`m-${n}`, ...at, '1'));
    events.splice(30, 0, usage('known', ...at, '5'));
    events.splice(80, 0, usage('m-3', ...at, '7'));
    const last = await h.append(...events);
    await h.runner.start();
    expect(await h.runner.waitForPosition(last, 10_000)).toBe(true);
    expect(usageBuckets()).toEqual([
      { gpuModel: 'GB300', hourStart: '2026-03-05T10:00:00Z', gpuHours: '121', recordCount: 121 },
    ]);
    const records = h.queries.usageRecords({ contractId: 'c-mistral', ...MARCH, limit: 1000 });
    expect(records).toHaveLength(121);
    expect(records.find((r) => r.recordId === 'known')!.quantity).toBe('1');
    expect(records.find((r) => r.recordId === 'm-3')!.quantity).toBe('1');
  });
});

describe('usageReport', () => {
  const mistralReport = (
    range: { from: string; to: string },
    granularity: 'HOUR' | 'DAY' | 'MONTH',
    timeZone?: string,
  ) => h.queries.usageReport({ tenantId: 'mistral', ...range, granularity, timeZone });

  beforeEach(async () => {
    // Every hour from Sat 28 March 00:00 to Tue 31 March 00:00 Paris: 1 GB300 GPU-hour, plus 2 H200 on the 30th at 12:00 UTC.
    const start = Date.parse('2026-03-27T23:00:00Z');
    const end = Date.parse('2026-03-30T22:00:00Z');
    const events = [];
    for (let at = start, n = 0; at < end; at += 3_600_000, n++) {
      events.push(
        usage(`u-${n}`, new Date(at).toISOString(), new Date(at + 3_600_000).toISOString(), '1'),
      );
    }
    events.push(
      usage('u-h200', '2026-03-30T12:00:00Z', '2026-03-30T13:00:00Z', '2', { gpuModel: 'H200' }),
    );
    await h.record(...events);
  });

  it('days in a non-UTC zone across the change to summer time: 24, 23 and 24 hours', () => {
    const report = mistralReport(
      { from: '2026-03-27T23:00:00Z', to: '2026-03-30T22:00:00Z' },
      'DAY',
      'Europe/Paris',
    );
    expect(report.series).toEqual([
      { bucketStart: '2026-03-27T23:00:00Z', gpuModel: 'GB300', gpuHours: '24' },
      { bucketStart: '2026-03-28T23:00:00Z', gpuModel: 'GB300', gpuHours: '23' },
      { bucketStart: '2026-03-29T22:00:00Z', gpuModel: 'GB300', gpuHours: '24' },
      { bucketStart: '2026-03-29T22:00:00Z', gpuModel: 'H200', gpuHours: '2' },
    ]);
    expect(report.totalGpuHours).toBe('73');
    expect(report.byModel).toEqual([
      { gpuModel: 'GB300', gpuHours: '71' },
      { gpuModel: 'H200', gpuHours: '2' },
    ]);
  });

  it('UTC days by default, months, hours, only non-empty buckets', () => {
    const utc = mistralReport(MARCH, 'DAY');
    expect(utc.series.map((s) => [s.bucketStart.slice(0, 10), s.gpuModel, s.gpuHours])).toEqual([
      ['2026-03-27', 'GB300', '1'],
      ['2026-03-28', 'GB300', '24'],
      ['2026-03-29', 'GB300', '24'],
      ['2026-03-30', 'GB300', '22'],
      ['2026-03-30', 'H200', '2'],
    ]);
    const month = mistralReport(
      { from: '2026-03-01T00:00:00Z', to: '2026-05-01T00:00:00Z' },
      'MONTH',
      'Europe/Paris',
    );
    expect(month.series).toEqual([
      { bucketStart: '2026-02-28T23:00:00Z', gpuModel: 'GB300', gpuHours: '71' },
      { bucketStart: '2026-02-28T23:00:00Z', gpuModel: 'H200', gpuHours: '2' },
    ]);
    const hours = mistralReport(
      { from: '2026-03-30T12:00:00Z', to: '2026-03-30T13:00:00Z' },
      'HOUR',
    );
    expect(hours.series).toEqual([
      { bucketStart: '2026-03-30T12:00:00Z', gpuModel: 'GB300', gpuHours: '1' },
      { bucketStart: '2026-03-30T12:00:00Z', gpuModel: 'H200', gpuHours: '2' },
    ]);
    expect(
      h.queries.usageReport({
        tenantId: 'nobody',
        ...MARCH,
        granularity: 'DAY',
      }),
    ).toEqual({
      tenantId: 'nobody',
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
      totalGpuHours: '0',
      byModel: [],
      series: [],
    });
  });

  it('read models kept before the per-tenant sums existed get them from the hourly sums', async () => {
    const query = {
      tenantId: 'mistral',
      ...MARCH,
      granularity: 'DAY' as const,
      timeZone: 'Europe/Paris',
    };
    const before = h.queries.usageReport(query);
    expect(before.totalGpuHours).toBe('73');
    await h.runner.stop();
    h.db.exec('DROP TABLE rm_usage_tenant_hourly');
    const reopened = createProjectionRunner({
      store: h.store,
      db: h.db,
      projections: createReadModelProjections(),
    });
    await reopened.start();
    await reopened.stop();
    expect(createReadModelQueries(h.db).usageReport(query)).toEqual(before);
  });

  it('a repeated report is answered again after new usage lands, never stale', async () => {
    const query = {
      tenantId: 'mistral',
      from: '2026-03-30T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
      granularity: 'DAY' as const,
    };
    expect(h.queries.usageReport(query).totalGpuHours).toBe('24');
    expect(h.queries.usageReport(query).totalGpuHours).toBe('24');
    await h.record(usage('u-late', '2026-03-30T05:00:00Z', '2026-03-30T06:00:00Z', '0.5'));
    expect(h.queries.usageReport(query).totalGpuHours).toBe('24.5');
    // Another tenant's usage leaves this tenant's figures as they were.
    await h.record(
      tenant('kyutai', null),
      usage('u-k', '2026-03-30T05:00:00Z', '2026-03-30T06:00:00Z', '9', {
        tenantId: 'kyutai',
        contractId: null,
      }),
    );
    expect(h.queries.usageReport(query).totalGpuHours).toBe('24.5');
  });

  it('refuses a bad zone, granularity or range naming the field', () => {
    const base = {
      tenantId: 'mistral',
      ...MARCH,
      granularity: 'DAY' as const,
    };
    expect(() => h.queries.usageReport({ ...base, timeZone: 'Mars/Olympus' })).toThrow(
      /timeZone: expected an IANA time zone/,
    );
    expect(() => h.queries.usageReport({ ...base, granularity: 'WEEK' as 'DAY' })).toThrow(
      /granularity/,
    );
    expect(() => h.queries.usageReport({ ...base, to: '2026-02-01T00:00:00Z' })).toThrow(
      /to: expected an instant at or after from/,
    );
  });
});
