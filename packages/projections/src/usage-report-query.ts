import type { Database } from 'better-sqlite3';
import { badInput, formatInstant } from '@cadran/domain';
import type { UsageGranularity, UsageReportView } from './read-model-views.js';
import { firstHourFrom, hourStartMs } from './hour-buckets.js';
import { fromMicro } from './micro-units.js';
import { rangeArgs, statementCache, timeZoneArg } from './query-support.js';
import { calendarStarts } from './zone-calendar.js';

const GRANULARITIES: readonly UsageGranularity[] = ['HOUR', 'DAY', 'MONTH'];
const CACHED_REPORTS = 2048;

/** Bounded insertion-ordered cache: the oldest entry goes first. */
function remember<V>(cache: Map<string, V>, key: string, value: V, capacity: number): V {
  if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Micro-units summed in JS numbers: exact up to 9,007,199,254 GPU-hours per bucket. */
function checkedSum(micro: number): number {
  if (!Number.isSafeInteger(micro))
    throw new Error('usage report: a bucket sums to more than 9007199254.740991 GPU-hours');
  return micro;
}

/**
 * A tenant's usage over the UTC hours starting in [from, to), in calendar days or months of the
 * time zone (an hour belongs to the bucket its start falls in: exact for zones whose offsets are
 * whole hours), or in hours. The buckets go to SQLite as [first hour, end hour) pairs; for each
 * bucket and each of the tenant's models (found by skipping along the key), one short index range
 * of the per-tenant hourly sums is summed: no sort, a row per bucket and model comes back.
 * Reports are cached per tenant version (the position of the last event that changed the
 * tenant's usage), so a repeated question costs one primary-key read until new usage lands;
 * a cached report is frozen: callers must not mutate it.
 */
export function createUsageReportQuery(db: Database) {
  const sql = statementCache(db);
  const reports = new Map<string, UsageReportView>();
  const versionOf = sql('SELECT position FROM rm_usage_tenants WHERE tenant_id = ?').pluck();
  const byBucket = sql(
    `WITH RECURSIVE models(m) AS (
       SELECT min(gpu_model) FROM rm_usage_tenant_hourly WHERE tenant_id = @tenant
       UNION ALL
       SELECT (SELECT min(gpu_model) FROM rm_usage_tenant_hourly WHERE tenant_id = @tenant AND gpu_model > m)
       FROM models WHERE m IS NOT NULL
     )
     SELECT b.key, models.m, (
       SELECT sum(quantity_micro) FROM rm_usage_tenant_hourly
       WHERE tenant_id = @tenant AND gpu_model = models.m AND hour >= b.value ->> 0 AND hour < b.value ->> 1
     )
     FROM json_each(@buckets) b CROSS JOIN models WHERE models.m IS NOT NULL`,
  ).raw(true);
  const byHour = sql(
    `SELECT hour, gpu_model, quantity_micro FROM rm_usage_tenant_hourly
     WHERE tenant_id = ? AND hour >= ? AND hour < ? ORDER BY hour, gpu_model`,
  ).raw(true);

  return function usageReport(query: {
    tenantId: string;
    from: string;
    to: string;
    granularity: UsageGranularity;
    timeZone?: string;
  }): UsageReportView {
    const { fromMs, toMs } = rangeArgs(query.from, query.to);
    if (!GRANULARITIES.includes(query.granularity))
      throw badInput('granularity', 'HOUR, DAY or MONTH', query.granularity);
    const timeZone = timeZoneArg(query.timeZone);
    const version = (versionOf.get(query.tenantId) as number | undefined) ?? -1;
    const key = JSON.stringify([
      query.tenantId,
      version,
      query.from,
      query.to,
      query.granularity,
      timeZone,
    ]);
    const cached = reports.get(key);
    if (cached !== undefined) return cached;
    const firstHour = firstHourFrom(fromMs);
    const endHour = firstHourFrom(toMs);
    let rows: [number, string, number | null][];
    let startOf: (bucket: number) => number;
    if (query.granularity === 'HOUR') {
      rows = byHour.all(query.tenantId, firstHour, endHour) as typeof rows;
      startOf = hourStartMs;
    } else {
      const unit = query.granularity === 'DAY' ? 'day' : 'month';
      const starts = calendarStarts(fromMs, toMs, unit, timeZone);
      const pairs = starts.map((startMs, i) => [
        Math.max(firstHourFrom(startMs), firstHour),
        Math.min(firstHourFrom(starts[i + 1] ?? toMs), endHour),
      ]);
      rows = byBucket.all({
        tenant: query.tenantId,
        buckets: JSON.stringify(pairs),
      }) as typeof rows;
      startOf = (bucket) => starts[bucket]!;
    }
    const series: UsageReportView['series'] = [];
    const byModel = new Map<string, number>();
    for (const [bucket, gpuModel, micro] of rows) {
      if (micro === null || micro === 0) continue;
      series.push({
        bucketStart: formatInstant(startOf(bucket)),
        gpuModel,
        gpuHours: fromMicro(checkedSum(micro)),
      });
      byModel.set(gpuModel, (byModel.get(gpuModel) ?? 0) + micro);
    }
    let total = 0n;
    for (const micro of byModel.values()) total += BigInt(checkedSum(micro));
    const report: UsageReportView = {
      tenantId: query.tenantId,
      from: query.from,
      to: query.to,
      totalGpuHours: fromMicro(total),
      byModel: [...byModel.keys()]
        .sort()
        .map((gpuModel) => ({ gpuModel, gpuHours: fromMicro(byModel.get(gpuModel)!) })),
      series,
    };
    return remember(reports, key, deepFreeze(report), CACHED_REPORTS);
  };
}
