import type Decimal from 'decimal.js';
import { D } from './decimal.js';
import { fail } from './errors.js';
import { parseDecimal, parseList, parseText } from './parse.js';
import type { RateCard, SlaTier } from './types.js';

export interface NormalizedGpuRate {
  reserved: Decimal;
  onDemand: Decimal;
}

export interface NormalizedSlaTier {
  availabilityBelowPercent: Decimal;
  creditPercent: Decimal;
}

export interface NormalizedRateCard {
  gpuRates: Map<string, NormalizedGpuRate>;
  powerPricePerKwMonth: Decimal;
  energyPricePerKwh: Decimal | null;
  pue: Decimal;
  slaSchedule: NormalizedSlaTier[];
}

export const DEFAULT_SLA_SCHEDULE: readonly SlaTier[] = [
  { availabilityBelowPercent: '99.9', creditPercent: '10' },
  { availabilityBelowPercent: '99.0', creditPercent: '25' },
  { availabilityBelowPercent: '95.0', creditPercent: '100' },
];

function normalizeTier(tier: SlaTier, field: string): NormalizedSlaTier {
  const below = parseDecimal(
    tier?.availabilityBelowPercent,
    `${field}.availabilityBelowPercent`,
    'positive',
  );
  const credit = parseDecimal(tier?.creditPercent, `${field}.creditPercent`, 'nonNegative');
  if (below.gt(100)) fail(`${field}.availabilityBelowPercent`, `must be at most 100, got ${below}`);
  if (credit.gt(100)) fail(`${field}.creditPercent`, `must be at most 100, got ${credit}`);
  return { availabilityBelowPercent: below, creditPercent: credit };
}

export function normalizeRateCard(card: RateCard, field: string): NormalizedRateCard {
  if (typeof card !== 'object' || card === null) fail(field, 'expected a rate card');
  const gpuRates = new Map<string, NormalizedGpuRate>();
  parseList<RateCard['gpuRates'][number]>(card.gpuRates, `${field}.gpuRates`).forEach((rate, i) => {
    const at = `${field}.gpuRates[${i}]`;
    const model = parseText(rate?.gpuModel, `${at}.gpuModel`);
    if (gpuRates.has(model)) fail(`${at}.gpuModel`, `${model} is priced twice in this rate card`);
    gpuRates.set(model, {
      reserved: parseDecimal(
        rate.reservedPricePerGpuHour,
        `${at}.reservedPricePerGpuHour`,
        'nonNegative',
      ),
      onDemand: parseDecimal(
        rate.onDemandPricePerGpuHour,
        `${at}.onDemandPricePerGpuHour`,
        'nonNegative',
      ),
    });
  });
  const schedule = card.slaSchedule ?? DEFAULT_SLA_SCHEDULE;
  return {
    gpuRates,
    powerPricePerKwMonth: parseDecimal(
      card.powerPricePerKwMonth,
      `${field}.powerPricePerKwMonth`,
      'nonNegative',
    ),
    energyPricePerKwh:
      card.energyPricePerKwh === undefined || card.energyPricePerKwh === null
        ? null
        : parseDecimal(card.energyPricePerKwh, `${field}.energyPricePerKwh`, 'nonNegative'),
    pue:
      card.pue === undefined || card.pue === null
        ? new D(1)
        : parseDecimal(card.pue, `${field}.pue`, 'positive'),
    slaSchedule: parseList<SlaTier>(schedule, `${field}.slaSchedule`).map((tier, i) =>
      normalizeTier(tier, `${field}.slaSchedule[${i}]`),
    ),
  };
}
