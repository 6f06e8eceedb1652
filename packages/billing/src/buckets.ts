import type Decimal from 'decimal.js';
import { Ratio } from './ratio.js';
import { ZERO } from './decimal.js';
import { fail } from './errors.js';
import { MS_PER_HOUR, overlapMs } from './instant.js';
import { parseDecimal, parseInstant, parseOptionalInstant } from './parse.js';

/** An amount spread evenly over [startMs, endMs). */
export interface SpreadAmount {
  startMs: number;
  endMs: number;
  amount: Decimal;
}

/** A bucket's interval; `end` omitted means one hour from `start` (an hourly aggregate). */
export function parseBucket(
  bucket: { start?: unknown; end?: unknown },
  amount: unknown,
  amountField: string,
): SpreadAmount {
  if (typeof bucket !== 'object' || bucket === null)
    fail('', 'expected a bucket { start, end?, … }');
  const startMs = parseInstant(bucket.start, 'start');
  const endMs = parseOptionalInstant(bucket.end, 'end') ?? startMs + MS_PER_HOUR;
  if (endMs <= startMs) fail('end', 'must be after start');
  return { startMs, endMs, amount: parseDecimal(amount, amountField, 'nonNegative') };
}

/**
 * What spread amounts put in [startMs, endMs), pro rata of time, exactly: buckets wholly inside
 * are summed as decimals, the parts of the others as ratios (a record cut at a boundary).
 */
export function amountWithin(
  items: readonly SpreadAmount[],
  startMs: number,
  endMs: number,
): Ratio {
  let whole = ZERO;
  let parts = Ratio.ZERO;
  for (const item of items) {
    const ms = overlapMs(item.startMs, item.endMs, startMs, endMs);
    if (ms === 0) continue;
    const duration = item.endMs - item.startMs;
    if (ms === duration) whole = whole.plus(item.amount);
    else
      parts = parts.plus(
        Ratio.fromDecimal(item.amount).times(Ratio.of(BigInt(ms), BigInt(duration))),
      );
  }
  return Ratio.fromDecimal(whole).plus(parts);
}

/** Whether any spread amount puts something in [startMs, endMs). */
export function anyWithin(items: readonly SpreadAmount[], startMs: number, endMs: number): boolean {
  return items.some(
    (item) => !item.amount.isZero() && overlapMs(item.startMs, item.endMs, startMs, endMs) > 0,
  );
}
