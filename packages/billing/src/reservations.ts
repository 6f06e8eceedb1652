import type Decimal from 'decimal.js';
import { billedSpan, type NormalizedContract } from './contract.js';
import { ZERO } from './decimal.js';
import { fail } from './errors.js';
import { overlapMs } from './instant.js';
import { hoursOfMs, type Ratio } from './ratio.js';
import { pricedLine } from './line.js';
import {
  parseInteger,
  parseList,
  parseOptionalInstant,
  parseText,
  parseTextList,
} from './parse.js';
import type { NormalizedSegment } from './segments.js';
import type { BillingReservation, InvoiceLine } from './types.js';

export interface NormalizedReservation {
  index: number;
  id: string;
  gpuModel: string;
  gpuCount: number;
  /** The billed span: its own, cut at its cancellation and at the contract's term/termination. */
  startMs: number;
  endMs: number;
  eventIds: string[];
}

export function normalizeReservations(
  value: unknown,
  contract: NormalizedContract,
): NormalizedReservation[] {
  return parseList<BillingReservation>(value, 'reservations').map((r, index) => {
    const at = `reservations[${index}]`;
    const cancelledAt = parseOptionalInstant(r?.cancelledAt, `${at}.cancelledAt`) ?? Infinity;
    return {
      index,
      id: parseText(r.id, `${at}.id`),
      gpuModel: parseText(r.gpuModel, `${at}.gpuModel`),
      gpuCount: parseInteger(r.gpuCount, `${at}.gpuCount`, 1),
      ...billedSpan(r, at, contract, cancelledAt),
      eventIds: parseTextList(r.eventIds, `${at}.eventIds`),
    };
  });
}

/** GPU-milliseconds of the reservation in [startMs, endMs): an exact integer. */
export function reservedGpuMs(r: NormalizedReservation, startMs: number, endMs: number): bigint {
  return BigInt(overlapMs(r.startMs, r.endMs, startMs, endMs)) * BigInt(r.gpuCount);
}

export interface ReservedModel {
  gpuHours: Ratio;
  /** Sum of the model's rounded RESERVED_CAPACITY amounts in the segment. */
  amount: Decimal;
  eventIds: string[];
}

export interface ReservedCapacity {
  lines: InvoiceLine[];
  byModel: Map<string, ReservedModel>;
}

/** RESERVED_CAPACITY (take-or-pay): one line per reservation, gpuCount × hours(reservation ∩ segment). */
export function reservedCapacity(
  segment: NormalizedSegment,
  reservations: readonly NormalizedReservation[],
  contract: NormalizedContract,
): ReservedCapacity {
  const lines: InvoiceLine[] = [];
  const byModel = new Map<string, ReservedModel>();
  for (const r of reservations) {
    const ms = overlapMs(r.startMs, r.endMs, segment.startMs, segment.endMs);
    if (ms === 0) continue;
    const rate = segment.card.gpuRates.get(r.gpuModel);
    if (!rate) {
      fail(
        `reservations[${r.index}].gpuModel`,
        `the rate card in force (event ${segment.eventId}) has no price for ${r.gpuModel}`,
      );
    }
    const hours = hoursOfMs(ms);
    // gpuCount × ms / 3,600,000: the division is exact, never rounded before the price.
    const quantity = hoursOfMs(BigInt(ms) * BigInt(r.gpuCount));
    const { line, amount } = pricedLine({
      kind: 'RESERVED_CAPACITY',
      description: `Reserved capacity ${r.gpuModel}: ${r.gpuCount} GPUs × ${hours.round(6).toFixed()} h (reservation ${r.id})`,
      gpuModel: r.gpuModel,
      startMs: segment.startMs,
      endMs: segment.endMs,
      quantity,
      unit: 'GPU-hour',
      unitPrice: rate.reserved,
      eventIds: [...contract.eventIds, segment.eventId, ...r.eventIds],
    });
    lines.push(line);
    const model = byModel.get(r.gpuModel) ?? {
      gpuHours: hoursOfMs(0),
      amount: ZERO,
      eventIds: [],
    };
    byModel.set(r.gpuModel, {
      gpuHours: model.gpuHours.plus(quantity),
      amount: model.amount.plus(amount),
      eventIds: [...model.eventIds, ...r.eventIds],
    });
  }
  return { lines, byModel };
}
