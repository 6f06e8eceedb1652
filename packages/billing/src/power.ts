import type Decimal from 'decimal.js';
import { billedSpan, type NormalizedContract } from './contract.js';
import { overlapMs } from './instant.js';
import { hoursOfMs, Ratio } from './ratio.js';
import { pricedLine } from './line.js';
import { parseDecimal, parseList, parseText, parseTextList } from './parse.js';
import type { NormalizedSegment } from './segments.js';
import type { BillingPowerCommitment, InvoiceLine } from './types.js';

export interface NormalizedCommitment {
  id: string;
  kw: Decimal;
  startMs: number;
  endMs: number;
  eventIds: string[];
}

export function normalizeCommitments(
  value: unknown,
  contract: NormalizedContract,
): NormalizedCommitment[] {
  return parseList<BillingPowerCommitment>(value, 'powerCommitments').map((c, i) => {
    const at = `powerCommitments[${i}]`;
    return {
      id: parseText(c?.id, `${at}.id`),
      kw: parseDecimal(c.kw, `${at}.kw`, 'positive'),
      ...billedSpan(c, at, contract),
      eventIds: parseTextList(c.eventIds, `${at}.eventIds`),
    };
  });
}

/** POWER_COMMITMENT: kW × hours(commitment ∩ segment) / hours(period) kW-months. */
export function powerLines(
  segment: NormalizedSegment,
  commitments: readonly NormalizedCommitment[],
  periodMs: number,
  contract: NormalizedContract,
): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const c of commitments) {
    const ms = overlapMs(c.startMs, c.endMs, segment.startMs, segment.endMs);
    if (ms === 0) continue;
    const hours = hoursOfMs(ms);
    const periodHours = hoursOfMs(periodMs);
    lines.push(
      pricedLine({
        kind: 'POWER_COMMITMENT',
        description: `Power commitment ${c.kw.toFixed()} kW × ${hours.round(6).toFixed()} h / ${periodHours.round(6).toFixed()} h (commitment ${c.id})`,
        startMs: segment.startMs,
        endMs: segment.endMs,
        quantity: Ratio.fromDecimal(c.kw).times(Ratio.of(BigInt(ms), BigInt(periodMs))),
        unit: 'kW-month',
        unitPrice: segment.card.powerPricePerKwMonth,
        eventIds: [...contract.eventIds, segment.eventId, ...c.eventIds],
      }).line,
    );
  }
  return lines;
}
