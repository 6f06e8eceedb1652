import { z } from 'zod';
import { checkEachOnce } from '../each-once.js';
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
  checkEachOnce(
    card.gpuRates,
    (rate) => rate.gpuModel,
    (index) => `${field}.gpuRates[${index}].gpuModel`,
    'GPU model',
  );
  checkEachOnce(
    card.slaSchedule,
    (tier) => tier.availabilityBelowPercent,
    (index) => `${field}.slaSchedule[${index}].availabilityBelowPercent`,
    'threshold',
  );
  return card;
}
