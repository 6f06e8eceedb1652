import type Decimal from 'decimal.js';
import { Ratio } from './ratio.js';
import type { ModelAvailability } from './availability.js';
import type { NormalizedContract } from './contract.js';
import { ZERO } from './decimal.js';
import { pricedLine } from './line.js';
import type { NormalizedSlaTier } from './rate-card.js';
import type { ReservedModel } from './reservations.js';
import type { NormalizedSegment } from './segments.js';
import type { InvoiceLine, Period } from './types.js';

/** The largest credit among the tiers whose threshold is above A × 100; zero when none is. */
export function creditPercent(
  schedule: readonly NormalizedSlaTier[],
  availability: Ratio,
): Decimal {
  const percent = availability.times(Ratio.int(100));
  return schedule
    .filter((tier) => Ratio.fromDecimal(tier.availabilityBelowPercent).cmp(percent) > 0)
    .reduce((max, tier) => (tier.creditPercent.gt(max) ? tier.creditPercent : max), ZERO);
}

/** SLA_CREDIT: −(credit percent × the model's rounded RESERVED_CAPACITY amounts in the segment). */
export function slaCreditLines(
  segment: NormalizedSegment,
  reserved: ReadonlyMap<string, ReservedModel>,
  availability: ReadonlyMap<string, ModelAvailability>,
  period: Period,
  contract: NormalizedContract,
): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const model of [...reserved.keys()].sort()) {
    const fee = reserved.get(model)!;
    const measured = availability.get(model);
    if (!measured || fee.amount.isZero()) continue;
    const percent = creditPercent(segment.card.slaSchedule, measured.availability);
    if (percent.isZero()) continue;
    lines.push(
      pricedLine({
        kind: 'SLA_CREDIT',
        description:
          `SLA credit ${model}: availability ${measured.availability.times(Ratio.int(100)).round(4).toFixed()} % in ${period} ` +
          `(${measured.lost.round(6).toFixed()} of ${measured.reserved.round(6).toFixed()} GPU-h lost), ` +
          `${percent.toFixed()} % of the reserved capacity`,
        gpuModel: model,
        startMs: segment.startMs,
        endMs: segment.endMs,
        quantity: Ratio.fromDecimal(fee.amount),
        unit: 'EUR',
        unitPrice: percent.div(100).negated(),
        eventIds: [
          ...contract.eventIds,
          segment.eventId,
          ...measured.reservationEventIds,
          ...measured.incidentEventIds,
        ],
      }).line,
    );
  }
  return lines;
}
