import { normalizeContract, type NormalizedContract } from './contract.js';
import { formatInstant } from './instant.js';
import { periodWindow, type PeriodWindow } from './period.js';
import type { NormalizedRateCard } from './rate-card.js';
import type { BillingContract, Period, Segment } from './types.js';

export interface NormalizedSegment {
  startMs: number;
  endMs: number;
  eventId: string;
  card: NormalizedRateCard;
}

/**
 * The part of the period the contract bills (its term, cut at the termination), split at each
 * amendment's effectiveAt. Empty for a draft or a period outside the term.
 */
export function contractSegments(
  contract: NormalizedContract,
  window: PeriodWindow,
): NormalizedSegment[] {
  const start = Math.max(window.startMs, contract.billsFromMs);
  const end = Math.min(window.endMs, contract.billsUntilMs);
  if (end <= start) return [];
  const segments: NormalizedSegment[] = [];
  contract.rateCards.forEach((version, i) => {
    const next = contract.rateCards[i + 1]?.fromMs ?? Infinity;
    const segStart = Math.max(start, version.fromMs);
    const segEnd = Math.min(end, next);
    if (segEnd > segStart)
      segments.push({
        startMs: segStart,
        endMs: segEnd,
        eventId: version.eventId,
        card: version.card,
      });
  });
  return segments;
}

export function segmentsOf(contract: BillingContract, period: Period): Segment[] {
  const normalized = normalizeContract(contract);
  return contractSegments(normalized, periodWindow(period, normalized.timeZone)).map((s) => ({
    start: formatInstant(s.startMs),
    end: formatInstant(s.endMs),
    rateCardEventId: s.eventId,
  }));
}
