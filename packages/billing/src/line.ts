import type Decimal from 'decimal.js';
import { formatMoney, formatPrice, formatQuantity } from './decimal.js';
import { formatInstant } from './instant.js';
import type { Ratio } from './ratio.js';
import type { InvoiceLine, PricedLineKind } from './types.js';

export interface LineSpec {
  kind: PricedLineKind;
  description: string;
  gpuModel?: string | null;
  startMs: number;
  endMs: number;
  /** Exact: the amount is rounded once, from quantity × unit price. */
  quantity: Ratio;
  unit: string;
  unitPrice: Decimal;
  eventIds: Iterable<string>;
  recordCount?: number;
  recordDigest?: string | null;
}

/** amount = round half-up to the cent of (exact quantity × unit price): the line's one rounding. */
export function pricedLine(spec: LineSpec): { line: InvoiceLine; amount: Decimal } {
  const amount = spec.quantity.times(spec.unitPrice).round(2);
  return {
    amount,
    line: {
      kind: spec.kind,
      description: spec.description,
      gpuModel: spec.gpuModel ?? null,
      segmentStart: formatInstant(spec.startMs),
      segmentEnd: formatInstant(spec.endMs),
      quantity: formatQuantity(spec.quantity.round(6)),
      unit: spec.unit,
      unitPrice: formatPrice(spec.unitPrice),
      amount: formatMoney(amount),
      correctsPeriod: null,
      adjustsKind: null,
      sources: {
        eventIds: [...new Set(spec.eventIds)],
        recordCount: spec.recordCount ?? 0,
        recordDigest: spec.recordDigest ?? null,
      },
    },
  };
}
