import { availabilityByModel } from './availability.js';
import { normalizeContract } from './contract.js';
import { energyLines, normalizeEnergy } from './energy.js';
import { fail } from './errors.js';
import { normalizeIncidents } from './incidents.js';
import { formatInstant, hoursBetween } from './instant.js';
import { periodWindow } from './period.js';
import { normalizeCommitments, powerLines } from './power.js';
import { normalizeReservations, reservedCapacity } from './reservations.js';
import { contractSegments, withMeteredTail } from './segments.js';
import { anyWithin } from './buckets.js';
import { slaCreditLines } from './sla-credit.js';
import type { InvoiceLine, PricedPeriod, PricingInput } from './types.js';
import { normalizeUsage, onDemandLines } from './usage.js';

/**
 * Prices one contract for one period with what the input knows. Pure: same input, same output.
 * Lines come segment by segment, in the order RESERVED_CAPACITY, ON_DEMAND_USAGE,
 * POWER_COMMITMENT, ENERGY, SLA_CREDIT.
 */
export function priceContractPeriod(input: PricingInput): PricedPeriod {
  if (typeof input !== 'object' || input === null)
    fail('input', 'expected { contract, period, … }');
  const contract = normalizeContract(input.contract);
  const window = periodWindow(input.period, contract.timeZone);
  const periodHours = hoursBetween(window.startMs, window.endMs);
  const reservations = normalizeReservations(input.reservations, contract);
  const commitments = normalizeCommitments(input.powerCommitments, contract);
  const usage = normalizeUsage(input.usage);
  const energy = normalizeEnergy(input.energy);
  const incidents = normalizeIncidents(input.incidents);
  const segments = withMeteredTail(
    contractSegments(contract, window),
    contract,
    window,
    (startMs, endMs) =>
      anyWithin(energy.buckets, startMs, endMs) ||
      [...usage.byModel.values()].some((buckets) => anyWithin(buckets, startMs, endMs)),
  );
  const availability = availabilityByModel(window, reservations, incidents);

  const lines: InvoiceLine[] = [];
  for (const segment of segments) {
    const reserved = reservedCapacity(segment, reservations, contract);
    lines.push(
      ...reserved.lines,
      ...onDemandLines(segment, usage, reserved.byModel, contract),
      ...powerLines(segment, commitments, window.endMs - window.startMs, contract),
      ...energyLines(segment, energy, contract),
      ...slaCreditLines(segment, reserved.byModel, availability, window.period, contract),
    );
  }
  return {
    contractId: contract.id,
    period: window.period,
    periodStart: formatInstant(window.startMs),
    periodEnd: formatInstant(window.endMs),
    periodHours: periodHours.toFixed(),
    availability: [...availability.values()].map((a) => ({
      gpuModel: a.gpuModel,
      reservedGpuHours: a.reserved.round(6).toFixed(),
      lostGpuHours: a.lost.round(6).toFixed(),
      availability: a.availability.round(10).toFixed(),
    })),
    segments: segments.map((s) => ({
      start: formatInstant(s.startMs),
      end: formatInstant(s.endMs),
      rateCardEventId: s.eventId,
    })),
    lines,
  };
}
