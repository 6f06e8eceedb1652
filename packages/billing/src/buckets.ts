import type Decimal from 'decimal.js';
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

/** The part of a spread amount that falls in [startMs, endMs), pro rata of time. */
export function amountWithin(item: SpreadAmount, startMs: number, endMs: number): Decimal {
  const ms = overlapMs(item.startMs, item.endMs, startMs, endMs);
  if (ms === 0) return ZERO;
  if (ms === item.endMs - item.startMs) return item.amount;
  return item.amount.times(ms).div(item.endMs - item.startMs);
}
