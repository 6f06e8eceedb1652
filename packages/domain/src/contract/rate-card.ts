import { z } from 'zod';
import { badInput } from '../errors.js';
import { decimal, gpuModel, optionalDecimal } from '../fields.js';
import type { RateCardData, SlaTierData } from '../events.js';

export const DEFAULT_SLA_SCHEDULE: readonly SlaTierData[] = [
  { availabilityBelowPercent: '99.9', creditPercent: '10' },
  { availabilityBelowPercent: '99', creditPercent: '25' },
  { availabilityBelowPercent: '95', creditPercent: '100' },
];

const price = () => decimal({ min: '0' });

export const rateCardSchema = z
  .object({
    gpuRates: z.array(
      z.object({
        gpuModel: gpuModel(),
        reservedPricePerGpuHour: price(),
        onDemandPricePerGpuHour: price(),
      }),
    ),
    powerPricePerKwMonth: price(),
    energyPricePerKwh: optionalDecimal({ min: '0' }),
    pue: optionalDecimal({ min: '1', max: '10' }),
    slaSchedule: z
      .array(
        z.object({
          availabilityBelowPercent: decimal({ minExclusive: '0', max: '100' }),
          creditPercent: decimal({ min: '0', max: '100' }),
        }),
      )
      .optional()
      .nullable(),
  })
  .transform((card): RateCardData => ({
    gpuRates: card.gpuRates,
    powerPricePerKwMonth: card.powerPricePerKwMonth,
    energyPricePerKwh: card.energyPricePerKwh ?? null,
    pue: card.pue ?? '1',
    slaSchedule: [...(card.slaSchedule ?? DEFAULT_SLA_SCHEDULE)].sort(
      (a, b) => Number(b.availabilityBelowPercent) - Number(a.availabilityBelowPercent),
    ),
  }));

/** Checks what zod cannot see field by field: each GPU model and each SLA threshold once. */
export function checkRateCard(card: RateCardData, field: string): RateCardData {
  const models = new Set<string>();
  card.gpuRates.forEach((rate, index) => {
    if (models.has(rate.gpuModel)) {
      throw badInput(
        `${field}.gpuRates[${index}].gpuModel`,
        'each GPU model at most once',
        rate.gpuModel,
      );
    }
    models.add(rate.gpuModel);
  });
  const thresholds = new Set<string>();
  card.slaSchedule.forEach((tier, index) => {
    if (thresholds.has(tier.availabilityBelowPercent)) {
      throw badInput(
        `${field}.slaSchedule[${index}].availabilityBelowPercent`,
        'each threshold at most once',
        tier.availabilityBelowPercent,
      );
    }
    thresholds.add(tier.availabilityBelowPercent);
  });
  return card;
}
