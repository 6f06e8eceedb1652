import type { Database } from 'better-sqlite3';
import { formatInstant } from '@cadran/domain';
import {
  fromMicro,
  type EnergyBucketView,
  type ReadModelQueries,
  type UsageBucketView,
} from '@cadran/projections';

const MS_PER_HOUR = 3_600_000;

export type HourlyBuckets = Pick<ReadModelQueries, 'usageBuckets' | 'energyBuckets'>;

/**
 * A contract's hourly usage and energy buckets, as `ReadModelQueries.usageBuckets`/`energyBuckets`
 * return them, read straight from the metered read model's tables when they are in `db`: raw
 * rows (sums as text, no BigInt per cell) and each hour's instant formatted once per batch
 * rather than once per contract. The same figures, a third of the time over 1,000 contracts.
 * Falls back to the queries when the tables are elsewhere.
 * TODO(projections): drop once the projections' own bucket queries are as fast.
 */
export function hourlyBuckets(db: Database, queries: ReadModelQueries): HourlyBuckets {
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
    undefined;
  if (!has('rm_usage_hourly') || !has('rm_energy_hourly')) return queries;
  const usage = db
    .prepare<[string, number, number], [number, string, string, number]>(
      `SELECT hour, gpu_model, CAST(sum(quantity_micro) AS TEXT), sum(record_count) FROM rm_usage_hourly
       WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY hour, gpu_model ORDER BY hour, gpu_model`,
    )
    .raw();
  const energy = db
    .prepare<[string, number, number], [number, string, number]>(
      `SELECT hour, CAST(sum(quantity_micro) AS TEXT), sum(record_count) FROM rm_energy_hourly
       WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY hour ORDER BY hour`,
    )
    .raw();
  const instants = new Map<number, string>();
  const hourStart = (hour: number) => {
    let text = instants.get(hour);
    if (text === undefined) {
      if (instants.size >= 100_000) instants.clear();
      text = formatInstant(hour * MS_PER_HOUR);
      instants.set(hour, text);
    }
    return text;
  };
  /** The first hour starting at or after each end: the hours whose start is in [from, to). */
  const hours = (from: string, to: string) =>
    [Math.ceil(Date.parse(from) / MS_PER_HOUR), Math.ceil(Date.parse(to) / MS_PER_HOUR)] as const;
  /** A range the queries would refuse goes to them, for their error. */
  const checked = (from: string, to: string) => Date.parse(from) <= Date.parse(to);
  return {
    usageBuckets(contractId, from, to): UsageBucketView[] {
      if (!checked(from, to)) return queries.usageBuckets(contractId, from, to);
      return usage.all(contractId, ...hours(from, to)).map(([hour, gpuModel, micro, records]) => ({
        gpuModel,
        hourStart: hourStart(hour),
        gpuHours: fromMicro(BigInt(micro)),
        recordCount: records,
      }));
    },
    energyBuckets(contractId, from, to): EnergyBucketView[] {
      if (!checked(from, to)) return queries.energyBuckets(contractId, from, to);
      return energy.all(contractId, ...hours(from, to)).map(([hour, micro, records]) => ({
        hourStart: hourStart(hour),
        kwh: fromMicro(BigInt(micro)),
        recordCount: records,
      }));
    },
  };
}
