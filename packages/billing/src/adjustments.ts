import type Decimal from 'decimal.js';
import { formatMoney, ZERO } from './decimal.js';
import { fail } from './errors.js';
import { parseList } from './parse.js';
import { parseMoney } from './totals.js';
import type { InvoiceLine, LineKind, Period, PricedLineKind, PricedPeriod } from './types.js';

export const PRICED_KINDS: readonly PricedLineKind[] = [
  'RESERVED_CAPACITY',
  'ON_DEMAND_USAGE',
  'POWER_COMMITMENT',
  'ENERGY',
  'SLA_CREDIT',
];

/** What was already billed for a period: the lines of its invoice and the ADJUSTMENT lines naming it. */
export type BilledLine = Pick<InvoiceLine, 'kind' | 'amount'> &
  Partial<Pick<InvoiceLine, 'correctsPeriod' | 'adjustsKind'>>;

export interface PeriodCorrection {
  /** The earlier, issued period to correct. */
  period: Period;
  /**
   * Every line issued for it: its invoice's lines and the ADJUSTMENT lines that name it on later
   * invoices. Credit notes are separate documents and are left out.
   */
  billed: readonly BilledLine[];
  /** The same period priced again now, with all that is known (priceContractPeriod). */
  repriced: Pick<PricedPeriod, 'period' | 'periodStart' | 'periodEnd' | 'lines'>;
}

const KIND_NAMES: Record<PricedLineKind, string> = {
  RESERVED_CAPACITY: 'reserved capacity',
  ON_DEMAND_USAGE: 'on-demand usage',
  POWER_COMMITMENT: 'power commitment',
  ENERGY: 'energy',
  SLA_CREDIT: 'SLA credit',
};

function billedKind(line: BilledLine, period: Period, field: string): PricedLineKind {
  if (line.kind !== 'ADJUSTMENT') {
    if (!PRICED_KINDS.includes(line.kind))
      fail(`${field}.kind`, `unknown line kind ${JSON.stringify(line.kind)}`);
    return line.kind;
  }
  if (line.correctsPeriod !== period) {
    fail(
      `${field}.correctsPeriod`,
      `an ADJUSTMENT line given for ${period} must name it, got ${JSON.stringify(line.correctsPeriod)}`,
    );
  }
  if (!line.adjustsKind || !PRICED_KINDS.includes(line.adjustsKind)) {
    fail(
      `${field}.adjustsKind`,
      `an ADJUSTMENT line must say which kind it corrects (${PRICED_KINDS.join(', ')})`,
    );
  }
  return line.adjustsKind;
}

function totalsByKind(
  lines: readonly BilledLine[],
  period: Period,
  field: string,
): Map<LineKind, Decimal> {
  const totals = new Map<LineKind, Decimal>();
  lines.forEach((line, i) => {
    const kind = billedKind(line, period, `${field}[${i}]`);
    totals.set(
      kind,
      (totals.get(kind) ?? ZERO).plus(parseMoney(line.amount, `${field}[${i}].amount`)),
    );
  });
  return totals;
}

/**
 * ADJUSTMENT lines for late data: per corrected period and line kind, what the period is worth
 * now minus what was already billed for it. Zero differences give no line.
 */
export function adjustmentLines(corrections: readonly PeriodCorrection[]): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  const seen = new Set<Period>();
  parseList<PeriodCorrection>(corrections, 'corrections').forEach((correction, c) => {
    const at = `corrections[${c}]`;
    const { period, repriced } = correction ?? ({} as PeriodCorrection);
    if (repriced?.period !== period)
      fail(`${at}.repriced.period`, `must be the corrected period ${JSON.stringify(period)}`);
    if (seen.has(period)) fail(`${at}.period`, `${period} is corrected twice`);
    seen.add(period);
    repriced.lines.forEach((line, i) => {
      if (line.kind === 'ADJUSTMENT')
        fail(`${at}.repriced.lines[${i}].kind`, 'a re-priced period holds no ADJUSTMENT line');
    });
    const billed = totalsByKind(
      parseList<BilledLine>(correction.billed, `${at}.billed`),
      period,
      `${at}.billed`,
    );
    const now = totalsByKind(repriced.lines, period, `${at}.repriced.lines`);
    for (const kind of PRICED_KINDS) {
      const difference = (now.get(kind) ?? ZERO).minus(billed.get(kind) ?? ZERO);
      if (difference.isZero()) continue;
      const sourceLines = repriced.lines.filter((line) => line.kind === kind);
      const digests = [...new Set(sourceLines.map((line) => line.sources.recordDigest))];
      const amount = formatMoney(difference);
      lines.push({
        kind: 'ADJUSTMENT',
        description: `Adjustment for ${period}: ${KIND_NAMES[kind]} ${difference.gt(0) ? '+' : ''}${amount} (data received after its invoice)`,
        gpuModel: null,
        segmentStart: repriced.periodStart,
        segmentEnd: repriced.periodEnd,
        quantity: '1',
        unit: 'adjustment',
        unitPrice: amount,
        amount,
        correctsPeriod: period,
        adjustsKind: kind,
        sources: {
          eventIds: [...new Set(sourceLines.flatMap((line) => line.sources.eventIds))],
          recordCount: sourceLines.reduce((n, line) => n + line.sources.recordCount, 0),
          recordDigest: digests.length === 1 ? (digests[0] ?? null) : null,
        },
      });
    }
  });
  return lines;
}
