import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { billingPeriod } from '@cadran/billing';
import type { UtilisationView } from './read-model-views.js';
import { firstHourFrom, MS_PER_HOUR } from './hour-buckets.js';
import { fromMicro } from './micro-units.js';
import { storedContract } from './contracts-projection.js';
import { statementCache } from './query-support.js';
import { compareText } from './capacity-queries.js';

const RATIO_DECIMALS = 6;

/**
 * used / reserved GPU-hours per model over a billing period (YYYY-MM in the contract's billing
 * time zone). Reserved: gpuCount × hours of [startsAt, min(endsAt, cancelledAt, releasedAt)) in
 * the period. Used: the contract's usage whose UTC hour starts in the period. The ratio is
 * rounded half-up to 6 decimals, and is "0" for a model with usage but nothing reserved.
 */
export function createUtilisationQuery(db: Database) {
  const sql = statementCache(db);
  return function utilisation(contractId: string, period: string): UtilisationView[] {
    const row = sql('SELECT state FROM rm_contracts WHERE contract_id = ?').get(contractId) as
      { state: string } | undefined;
    if (row === undefined) return [];
    const timeZone = storedContract(row.state).drafted.billingTimeZone;
    const window = billingPeriod(period, timeZone);
    const startMs = Date.parse(window.start);
    const endMs = Date.parse(window.end);

    const reservedMs = new Map<string, Decimal>();
    const reservations = sql(
      `SELECT gpu_model, gpu_count, max(starts_ms, @start) AS from_ms, min(held_until_ms, @end) AS to_ms
       FROM rm_reservations WHERE contract_id = @contract AND starts_ms < @end AND held_until_ms > @start`,
    ).all({ contract: contractId, start: startMs, end: endMs }) as {
      gpu_model: string;
      gpu_count: number;
      from_ms: number;
      to_ms: number;
    }[];
    for (const r of reservations) {
      const gpuMs = new Decimal(r.to_ms - r.from_ms).times(r.gpu_count);
      reservedMs.set(r.gpu_model, (reservedMs.get(r.gpu_model) ?? new Decimal(0)).plus(gpuMs));
    }
    const used = sql(
      `SELECT gpu_model, sum(quantity_micro) AS micro FROM rm_usage_hourly
       WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY gpu_model`,
    )
      .safeIntegers(true)
      .all(contractId, firstHourFrom(startMs), firstHourFrom(endMs)) as {
      gpu_model: string;
      micro: bigint;
    }[];
    const usedByModel = new Map(used.map((u) => [u.gpu_model, new Decimal(fromMicro(u.micro))]));

    const models = [...new Set([...reservedMs.keys(), ...usedByModel.keys()])].sort(compareText);
    return models.map((gpuModel) => {
      const reserved = (reservedMs.get(gpuModel) ?? new Decimal(0)).div(MS_PER_HOUR);
      const usedHours = usedByModel.get(gpuModel) ?? new Decimal(0);
      const ratio = reserved.isZero() ? new Decimal(0) : usedHours.div(reserved);
      return {
        gpuModel,
        reservedGpuHours: reserved.toDecimalPlaces(RATIO_DECIMALS, Decimal.ROUND_HALF_UP).toFixed(),
        usedGpuHours: usedHours.toFixed(),
        ratio: ratio.toDecimalPlaces(RATIO_DECIMALS, Decimal.ROUND_HALF_UP).toFixed(),
      };
    });
  };
}
