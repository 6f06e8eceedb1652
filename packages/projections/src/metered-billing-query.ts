import type { Database } from 'better-sqlite3';
import { badInput, formatInstant } from '@cadran/domain';
import { hourOf, hourStartMs, MS_PER_HOUR, splitOverHours } from './hour-buckets.js';
import { ENERGY, meteredTables, USAGE } from './metered-projection.js';
import { fromMicro } from './micro-units.js';
import { instantArg, rangeArgs } from './query-support.js';
import type { MeteredForBillingView } from './read-model-views.js';

export type MeteredForBillingQuery = {
  kind: 'usage' | 'energy';
  contractId: string;
  /** The period: [from, to). */
  from: string;
  to: string;
  /** Other instants the caller splits at (amendments, the term's start and end); any minute or second. */
  cuts?: readonly string[];
};

type RawRecord = [string, string | null, number, number, string, number];

/** "1950000000" micro-units (a non-negative SQL sum as text) → "1950": no BigInt on the hot path. */
function microText(micro: string): string {
  const digits = micro.padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-6).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * What billing needs to price a contract's usage or energy exactly over a period split at
 * boundaries, fast: the hourly sums for the hours no boundary falls inside, and the raw records
 * for the rest. A record is given raw when it reaches across a boundary or into an hour that holds
 * one; its share of the clean hours is taken out of their sums (the shares are the very ones the
 * projection added: `splitOverHours`), so each record is counted once, either whole in the sums of
 * one segment's hours, or raw, to be split by billing pro rata of time, exactly.
 */
export function createMeteredBillingQuery(db: Database) {
  const statements = [USAGE, ENERGY].map((kind) => {
    const { hourly, records, longest } = meteredTables(kind);
    const model = kind.hasModel ? 'gpu_model' : 'NULL';
    return {
      kind: kind.table,
      hours: db
        .prepare<[string, number, number], [number, string | null, string, number]>(
          `SELECT hour, ${model}, CAST(sum(quantity_micro) AS TEXT), sum(record_count) FROM ${hourly}
           WHERE contract_id = ? AND hour >= ? AND hour < ? GROUP BY hour${kind.hasModel ? ', gpu_model' : ''}
           ORDER BY hour${kind.hasModel ? ', gpu_model' : ''}`,
        )
        .raw(),
      longest: db
        .prepare<[string], number>(`SELECT longest_ms FROM ${longest} WHERE contract_id = ?`)
        .pluck(),
      reaching: db
        .prepare<[string, number, number, number], RawRecord>(
          `SELECT record_id, ${model}, started_ms, ended_ms, quantity, quantity_micro FROM ${records}
           WHERE contract_id = ? AND started_ms >= ? AND started_ms < ? AND ended_ms > ?`,
        )
        .raw(),
    };
  });
  const of = (kind: unknown) => {
    const found = statements.find((s) => s.kind === kind);
    if (!found) throw badInput('kind', '"usage" or "energy"', kind);
    return found;
  };
  const instants = new Map<number, string>();
  const hourStart = (hour: number) => {
    let text = instants.get(hour);
    if (text === undefined) {
      if (instants.size >= 100_000) instants.clear();
      text = formatInstant(hourStartMs(hour));
      instants.set(hour, text);
    }
    return text;
  };

  return {
    meteredForBilling(query: MeteredForBillingQuery): MeteredForBillingView {
      const sql = of(query.kind);
      const { fromMs, toMs } = rangeArgs(query.from, query.to);
      const cutsMs = (query.cuts ?? []).map((cut) => instantArg('cuts', cut));
      const boundaries = [fromMs, toMs, ...cutsMs.filter((ms) => ms > fromMs && ms < toMs)];
      const firstHour = hourOf(fromMs);
      const endHour = Math.ceil(toMs / MS_PER_HOUR);
      /** Hours a boundary falls strictly inside. */
      const rawHours = new Set(
        boundaries.filter((ms) => ms % MS_PER_HOUR !== 0).map((ms) => hourOf(ms)),
      );

      const records = new Map<string, RawRecord>();
      const longest = sql.longest.get(query.contractId);
      if (longest !== undefined)
        for (const ms of boundaries) {
          // Reaching across the boundary, or into the hour that holds it.
          const [lo, hi] = rawHours.has(hourOf(ms))
            ? [hourStartMs(hourOf(ms)), hourStartMs(hourOf(ms) + 1)]
            : [ms, ms];
          for (const row of sql.reaching.all(query.contractId, lo - longest, hi, lo))
            records.set(row[0], row);
        }

      const inPeriod = (hour: number) =>
        hourStartMs(hour) >= fromMs && hourStartMs(hour + 1) <= toMs;
      const counts = new Map<string | null, number>();
      const hours: MeteredForBillingView['hours'] = [];
      /** Clean hours' sums, by hour and model: only when raw records' shares come off them. */
      const sums = new Map<string, { hour: number; model: string | null; micro: bigint }>();
      for (const [hour, model, micro, count] of sql.hours.all(
        query.contractId,
        firstHour,
        endHour,
      )) {
        counts.set(model, (counts.get(model) ?? 0) + count);
        if (rawHours.has(hour) || !inPeriod(hour)) continue;
        if (records.size > 0) sums.set(`${hour} ${model}`, { hour, model, micro: BigInt(micro) });
        else if (micro !== '0')
          hours.push({ hourStart: hourStart(hour), gpuModel: model, quantity: microText(micro) });
      }
      for (const [, model, startMs, endMs, , micro] of records.values())
        for (const share of splitOverHours(micro, startMs, endMs)) {
          const sum = sums.get(`${share.hour} ${model}`);
          if (sum !== undefined) sum.micro -= BigInt(share.micro);
        }
      for (const sum of sums.values())
        if (sum.micro !== 0n)
          hours.push({
            hourStart: hourStart(sum.hour),
            gpuModel: sum.model,
            quantity: fromMicro(sum.micro),
          });

      return {
        hours,
        records: [...records.values()]
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([recordId, gpuModel, startMs, endMs, quantity]) => ({
            recordId,
            gpuModel,
            startedAt: formatInstant(startMs),
            endedAt: formatInstant(endMs),
            quantity,
          })),
        recordCounts: [...counts].map(([gpuModel, recordCount]) => ({ gpuModel, recordCount })),
        hourCount: endHour - firstHour,
        rawHourCount: rawHours.size,
      };
    },
  };
}
