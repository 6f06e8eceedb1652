import Decimal from 'decimal.js';
import type { ReadModelQueries } from './read-model-queries.js';
import type { ContractView, RateCardView } from './read-model-views.js';
import { MS_PER_HOUR } from './hour-buckets.js';
import { calendarStarts } from './zone-calendar.js';

export type ModelConsumptionView = {
  gpuModel: string;
  reservedGpuHours: string;
  usedGpuHours: string;
};

export type ConsumptionDayView = {
  /** The calendar day in the contract's billing time zone, YYYY-MM-DD. */
  day: string;
  start: string;
  end: string;
  /** Metered IT energy, and what is billed of it: × the PUE of the rate card in force at each hour. */
  meteredKwh: string;
  billedKwh: string;
  /** The highest power commitment in force during the day. */
  committedKw: string;
  models: ModelConsumptionView[];
};

export type ConsumptionReportView = {
  contractId: string;
  timeZone: string;
  from: string;
  to: string;
  days: ConsumptionDayView[];
  meteredKwh: string;
  billedKwh: string;
  models: ModelConsumptionView[];
};

const ZERO = new Decimal(0);
const hoursBetween = (fromMs: number, toMs: number) =>
  toMs > fromMs ? new Decimal(toMs - fromMs).div(MS_PER_HOUR) : ZERO;

const rateCardAt = (cards: readonly RateCardView[], ms: number): RateCardView | undefined =>
  cards.filter((card) => Date.parse(card.effectiveAt) <= ms).at(-1) ?? cards[0];

const heldUntil = (h: { endsAt: string; releasedAt: string | null; cancelledAt?: string | null }) =>
  Math.min(
    Date.parse(h.endsAt),
    h.releasedAt ? Date.parse(h.releasedAt) : Infinity,
    h.cancelledAt ? Date.parse(h.cancelledAt) : Infinity,
  );

/**
 * Per calendar day of the contract's billing time zone: metered and billed kWh, the committed kW,
 * reserved and used GPU-hours per model. Usage and energy come from the hourly read model: a UTC
 * hour counts on the day its start falls in (in a zone with a half-hour offset, the hour across
 * midnight counts whole on the first day; invoices split it exactly, this report does not).
 */
export function consumptionReport(
  queries: ReadModelQueries,
  query: { contract: ContractView; from: string; to: string },
): ConsumptionReportView {
  const { contract } = query;
  const timeZone = contract.billingTimeZone;
  const fromMs = Date.parse(query.from);
  const toMs = Date.parse(query.to);
  // Day starts up to the one after the last day, whose start ends that day.
  const bounds = calendarStarts(fromMs, toMs + 27 * MS_PER_HOUR, 'day', timeZone);
  const starts = bounds.filter((ms, index) => index === 0 || ms < toMs);
  const dayLabel = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const windowStart = starts[0] ?? fromMs;
  const windowEnd = Math.max(toMs, windowStart);
  const cards = [...contract.rateCards].sort(
    (a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt),
  );
  const reservations = queries.reservations({ contractId: contract.id });
  const commitments = queries.powerCommitments({ contractId: contract.id });
  const usage = queries.usageBuckets(
    contract.id,
    new Date(windowStart).toISOString(),
    new Date(windowEnd).toISOString(),
  );
  const energy = queries.energyBuckets(
    contract.id,
    new Date(windowStart).toISOString(),
    new Date(windowEnd).toISOString(),
  );
  const models = [
    ...new Set([...reservations.map((r) => r.gpuModel), ...usage.map((u) => u.gpuModel)]),
  ].sort();

  const days = starts.map((startMs, index): ConsumptionDayView => {
    const endMs = bounds[index + 1]!;
    const inDay = (hourStart: string) => {
      const ms = Date.parse(hourStart);
      return ms >= startMs && ms < endMs;
    };
    let metered = ZERO;
    let billed = ZERO;
    for (const bucket of energy.filter((b) => inDay(b.hourStart))) {
      const kwh = new Decimal(bucket.kwh);
      metered = metered.plus(kwh);
      billed = billed.plus(kwh.times(rateCardAt(cards, Date.parse(bucket.hourStart))?.pue ?? '1'));
    }
    const committed = commitments
      .filter((c) => Date.parse(c.startsAt) < endMs && heldUntil(c) > startMs)
      .reduce((max, c) => Decimal.max(max, c.kw), ZERO);
    return {
      day: dayLabel.format(startMs),
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      meteredKwh: metered.toFixed(),
      billedKwh: billed.toFixed(),
      committedKw: committed.toFixed(),
      models: models.map((gpuModel) => ({
        gpuModel,
        reservedGpuHours: reservations
          .filter((r) => r.gpuModel === gpuModel)
          .reduce(
            (sum, r) =>
              sum.plus(
                hoursBetween(
                  Math.max(Date.parse(r.startsAt), startMs),
                  Math.min(heldUntil(r), endMs),
                ).times(r.gpuCount),
              ),
            ZERO,
          )
          .toFixed(),
        usedGpuHours: usage
          .filter((u) => u.gpuModel === gpuModel && inDay(u.hourStart))
          .reduce((sum, u) => sum.plus(u.gpuHours), ZERO)
          .toFixed(),
      })),
    };
  });
  const total = (pick: (d: ConsumptionDayView) => string) =>
    days.reduce((sum, d) => sum.plus(pick(d)), ZERO).toFixed();
  return {
    contractId: contract.id,
    timeZone,
    from: new Date(windowStart).toISOString(),
    to: days.at(-1)?.end ?? new Date(windowEnd).toISOString(),
    days,
    meteredKwh: total((d) => d.meteredKwh),
    billedKwh: total((d) => d.billedKwh),
    models: models.map((gpuModel) => ({
      gpuModel,
      reservedGpuHours: total(
        (d) => d.models.find((m) => m.gpuModel === gpuModel)!.reservedGpuHours,
      ),
      usedGpuHours: total((d) => d.models.find((m) => m.gpuModel === gpuModel)!.usedGpuHours),
    })),
  };
}
