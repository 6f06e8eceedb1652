import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { badInput, formatInstant } from '@cadran/domain';
import type { UsageGranularity, UsageReportView } from './read-model-views.js';
import { firstHourFrom, hourStartMs } from './hour-buckets.js';
import { fromMicro } from './micro-units.js';
import { rangeArgs, statementCache, timeZoneArg } from './query-support.js';
import { compareText } from './capacity-queries.js';

const GRANULARITIES: readonly UsageGranularity[] = ['HOUR', 'DAY', 'MONTH'];

/** Starts of the calendar days or months in `timeZone` that meet [fromMs, toMs). */
function calendarStarts(
  fromMs: number,
  toMs: number,
  granularity: 'DAY' | 'MONTH',
  timeZone: string,
): number[] {
  const unit = granularity === 'DAY' ? 'day' : 'month';
  const starts: number[] = [];
  let start = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf(unit);
  while (start.toMillis() < toMs) {
    starts.push(start.toMillis());
    start = start.plus(granularity === 'DAY' ? { days: 1 } : { months: 1 });
  }
  return starts;
}

/**
 * A tenant's usage over the UTC hours starting in [from, to), summed per hour (SQL), then
 * gathered into calendar days or months of the time zone: an hour belongs to the bucket its start
 * falls in (exact for zones whose offsets are whole hours).
 */
export function createUsageReportQuery(db: Database) {
  const sql = statementCache(db);
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
    const rows = sql(
      `SELECT hour, gpu_model, sum(quantity_micro) FROM rm_usage_hourly
       WHERE tenant_id = ? AND hour >= ? AND hour < ? GROUP BY hour, gpu_model ORDER BY hour, gpu_model`,
    )
      .raw(true)
      .all(query.tenantId, firstHourFrom(fromMs), firstHourFrom(toMs)) as [
      number,
      string,
      number,
    ][];

    const starts =
      query.granularity === 'HOUR' ? [] : calendarStarts(fromMs, toMs, query.granularity, timeZone);
    const series = new Map<string, { bucketStart: number; gpuModel: string; micro: bigint }>();
    const byModel = new Map<string, bigint>();
    let total = 0n;
    let bucket = 0;
    for (const [hour, gpuModel, micro] of rows) {
      const at = hourStartMs(hour);
      let bucketStart = at;
      if (query.granularity !== 'HOUR') {
        while (bucket + 1 < starts.length && starts[bucket + 1]! <= at) bucket++;
        bucketStart = starts[bucket]!;
      }
      const amount = BigInt(micro);
      const key = `${bucketStart}\u0000${gpuModel}`;
      const entry = series.get(key);
      if (entry === undefined) series.set(key, { bucketStart, gpuModel, micro: amount });
      else entry.micro += amount;
      byModel.set(gpuModel, (byModel.get(gpuModel) ?? 0n) + amount);
      total += amount;
    }
    return {
      tenantId: query.tenantId,
      from: query.from,
      to: query.to,
      totalGpuHours: fromMicro(total),
      byModel: [...byModel.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([gpuModel, micro]) => ({ gpuModel, gpuHours: fromMicro(micro) })),
      series: [...series.values()]
        .filter((s) => s.micro !== 0n)
        .sort((a, b) => a.bucketStart - b.bucketStart || compareText(a.gpuModel, b.gpuModel))
        .map((s) => ({
          bucketStart: formatInstant(s.bucketStart),
          gpuModel: s.gpuModel,
          gpuHours: fromMicro(s.micro),
        })),
    };
  };
}
