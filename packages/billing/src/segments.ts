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

/**
 * Usage and energy records belong whole to the contract active when they start: what runs past
 * the term's end (or the termination) is not cut there. In a period where the contract's records
 * put something after its end, the last segment runs on to the period's end; in a period wholly
 * after the term, one segment spans the period, with the rate card in force when the term ended.
 */
export function withMeteredTail(
  segments: NormalizedSegment[],
  contract: NormalizedContract,
  window: PeriodWindow,
  meteredIn: (startMs: number, endMs: number) => boolean,
): NormalizedSegment[] {
  if (contract.status === 'DRAFT' || contract.billsFromMs >= window.endMs) return segments;
  const tailStart = Math.max(contract.billsUntilMs, window.startMs);
  if (tailStart >= window.endMs || !meteredIn(tailStart, window.endMs)) return segments;
  const last = segments.at(-1);
  if (last !== undefined && last.endMs === contract.billsUntilMs)
    return [...segments.slice(0, -1), { ...last, endMs: window.endMs }];
  const inForce = contract.rateCards.filter((v) => v.fromMs < contract.billsUntilMs).at(-1)!;
  return [
    {
      startMs: window.startMs,
      endMs: window.endMs,
      eventId: inForce.eventId,
      card: inForce.card,
    },
  ];
}

export function segmentsOf(contract: BillingContract, period: Period): Segment[] {
  const normalized = normalizeContract(contract);
  return contractSegments(normalized, periodWindow(period, normalized.timeZone)).map((s) => ({
    start: formatInstant(s.startMs),
    end: formatInstant(s.endMs),
    rateCardEventId: s.eventId,
  }));
}
