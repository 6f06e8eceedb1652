import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { badInput, formatInstant } from '@cadran/domain';
import type { UsageGranularity, UsageReportView } from './read-model-views.js';
import { firstHourFrom, hourStartMs } from './hour-buckets.js';
import { fromMicro } from './micro-units.js';
import { rangeArgs, statementCache, timeZoneArg } from './query-support.js';

const GRANULARITIES: readonly UsageGranularity[] = ['HOUR', 'DAY', 'MONTH'];
const CACHED_CALENDARS = 512;
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

/**
 * The buckets meeting [fromMs, toMs) as [first hour, end hour) pairs, with their start instants:
 * calendar days or months in `timeZone` (an hour belongs to the bucket its start falls in), or
 * the hours themselves (one pair for the whole range: SQL groups by hour).
 */
function bucketsOf(
  fromMs: number,
  toMs: number,
  granularity: UsageGranularity,
  timeZone: string,
): number[][] {
  const lastHour = firstHourFrom(toMs);
  if (granularity === 'HOUR') return [[firstHourFrom(fromMs), lastHour]];
  const starts: number[] = [];
  let start = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf(
    granularity === 'DAY' ? 'day' : 'month',
  );
  while (start.toMillis() < toMs) {
    starts.push(start.toMillis());
    start = start.plus(granularity === 'DAY' ? { days: 1 } : { months: 1 });
  }
  return starts.map((startMs, i) => [
    Math.max(firstHourFrom(startMs), firstHourFrom(fromMs)),
    Math.min(firstHourFrom(starts[i + 1] ?? toMs), lastHour),
    startMs,
  ]);
}

/**
 * A tenant's usage over the UTC hours starting in [from, to), in calendar days or months of the
 * time zone (exact for zones whose offsets are whole hours), or in hours. SQLite sums each bucket
 * with one index range each; the calendar of a (range, zone) is computed once and cached.
 * Reports are cached per tenant version (the position of the last event that changed the
 * tenant's usage), so a repeated question costs one primary-key read until new usage lands;
 * a cached report is frozen: callers must not mutate it.
 */
export function createUsageReportQuery(db: Database) {
  const sql = statementCache(db);
  const calendars = new Map<string, { json: string; buckets: number[][] }>();
  const calendar = (
    fromMs: number,
    toMs: number,
    granularity: UsageGranularity,
    timeZone: string,
  ) => {
    const key = `${fromMs} ${toMs} ${granularity} ${timeZone}`;
    let found = calendars.get(key);
    if (found === undefined) {
      const buckets = bucketsOf(fromMs, toMs, granularity, timeZone);
      const json = JSON.stringify(buckets.map(([first, end]) => [first, end]));
      found = remember(calendars, key, { json, buckets }, CACHED_CALENDARS);
    }
    return found;
  };
  const reports = new Map<string, UsageReportView>();
  const versionOf = sql('SELECT position FROM rm_usage_tenants WHERE tenant_id = ?').pluck();
  // CROSS JOIN keeps json_each as the outer loop: one index range per bucket (else SQLite scans
  // all of the tenant's hours once per bucket).
  const byBucket = sql(
    `SELECT b.key, u.gpu_model, sum(u.quantity_micro) FROM json_each(?) b
     CROSS JOIN rm_usage_hourly u ON u.tenant_id = ? AND u.hour >= b.value ->> 0 AND u.hour < b.value ->> 1
     GROUP BY b.key, u.gpu_model ORDER BY b.key, u.gpu_model`,
  )
    .raw(true)
    .safeIntegers(true);
  const byHour = sql(
    `SELECT hour, gpu_model, sum(quantity_micro) FROM rm_usage_hourly
     WHERE tenant_id = ? AND hour >= ? AND hour < ? GROUP BY hour, gpu_model ORDER BY hour, gpu_model`,
  )
    .raw(true)
    .safeIntegers(true);

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
    const { json, buckets } = calendar(fromMs, toMs, query.granularity, timeZone);
    const rows = (
      query.granularity === 'HOUR'
        ? byHour.all(query.tenantId, buckets[0]![0], buckets[0]![1])
        : byBucket.all(json, query.tenantId)
    ) as [bigint, string, bigint][];

    const series: UsageReportView['series'] = [];
    const byModel = new Map<string, bigint>();
    let total = 0n;
    for (const [bucket, gpuModel, micro] of rows) {
      if (micro === 0n) continue;
      const startMs =
        query.granularity === 'HOUR' ? hourStartMs(Number(bucket)) : buckets[Number(bucket)]![2]!;
      series.push({ bucketStart: formatInstant(startMs), gpuModel, gpuHours: fromMicro(micro) });
      byModel.set(gpuModel, (byModel.get(gpuModel) ?? 0n) + micro);
      total += micro;
    }
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
