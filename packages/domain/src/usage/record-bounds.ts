import Decimal from 'decimal.js';
import { badInput, describe } from '../errors.js';
import { formatInstant } from '../instant.js';
import { MAX_GPU_COUNT, MAX_POWER_CAPACITY_KW } from '../site/site-commands.js';

/**
 * What a metered record may say: bounds a real metering system never exceeds, the one definition
 * the write side refuses by, the read models set aside by and billing relies on (docs/events.md).
 * Pure functions: the ingest hot path calls them once per record.
 */

const MS_PER_HOUR = 3_600_000;
/** A record covers at most 31 days (a metering system reports at least monthly). */
export const MAX_RECORD_DAYS = 31;
export const MAX_RECORD_MS = MAX_RECORD_DAYS * 24 * MS_PER_HOUR;
/** How far past the receiving clock a record may end: the meter's clock may run ahead a little. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * The largest quantity (GPU-hours or kWh) a valid record can hold: the most GPUs of a model a site
 * may have (or the most kW) × the longest record. Its micro-units (×10⁶) are a safe integer, so
 * the read models' scaled integers never overflow on a valid record.
 */
export const MAX_RECORD_QUANTITY = new Decimal(
  Math.max(MAX_GPU_COUNT, Number(MAX_POWER_CAPACITY_KW)),
)
  .times(MAX_RECORD_MS / MS_PER_HOUR)
  .toFixed();

/** endedAt after startedAt, at most 31 days later, and not after `nowMs` + the clock skew. */
export function checkRecordInterval(
  startedAt: string,
  endedAt: string,
  nowMs: number = Date.now(),
): void {
  const start = Date.parse(startedAt);
  const end = Date.parse(endedAt);
  if (end <= start) throw badInput('endedAt', `an instant after startedAt ${startedAt}`, endedAt);
  if (end - start > MAX_RECORD_MS)
    throw badInput(
      'endedAt',
      `at most ${MAX_RECORD_DAYS} days after startedAt ${startedAt} (one record covers at most ${MAX_RECORD_DAYS} days: split longer periods)`,
      endedAt,
    );
  if (end > nowMs + CLOCK_SKEW_MS)
    throw badInput(
      'endedAt',
      `an instant not in the future (now is ${formatInstant(Math.floor(nowMs / 1000) * 1000)}, ${CLOCK_SKEW_MS / 60_000} minutes of clock skew allowed)`,
      endedAt,
    );
}

/**
 * `quantity` (a canonical non-negative decimal) at most `capacity` × the interval's hours; otherwise
 * BAD_USER_INPUT on `field` saying the ceiling and why (`capacityText`, e.g. "2048 H200 installed").
 */
export function checkCapacityBound(
  field: string,
  quantity: string,
  capacity: string | number,
  durationMs: number,
  capacityText: string,
): void {
  // Clearly under the ceiling in floating point (a margin far above its rounding): no Decimal needed.
  if (Number(quantity) < ((durationMs * Number(capacity)) / MS_PER_HOUR) * (1 - 1e-9)) return;
  const hours = new Decimal(durationMs).div(MS_PER_HOUR);
  const ceiling = hours.times(capacity);
  if (new Decimal(quantity).gt(ceiling))
    throw badInput(
      field,
      `at most ${ceiling.toFixed()} (${capacityText} × ${hours.toFixed()} h)`,
      quantity,
    );
}

const PLAIN_NON_NEGATIVE = /^\d{1,30}(\.\d{1,20})?$/;

/**
 * Whether a recorded quantity is one the log could have accepted: a plain non-negative decimal at
 * most MAX_RECORD_QUANTITY. The read models check a stored event against this before applying it.
 */
export function isRecordQuantity(text: unknown): text is string {
  if (typeof text !== 'string' || !PLAIN_NON_NEGATIVE.test(text)) return false;
  const whole = text.split('.')[0]!.replace(/^0+(?=\d)/, '');
  if (whole.length !== MAX_RECORD_QUANTITY.length) return whole.length < MAX_RECORD_QUANTITY.length;
  return new Decimal(text).lte(MAX_RECORD_QUANTITY);
}

/**
 * Why a metered record read back from the log is not one the log could have accepted (the read
 * models set such an event aside rather than apply it); undefined when it is. The interval is held
 * to its shape only: the 31-day and clock bounds apply at the door, to new records.
 */
export function storedRecordFault(
  data: Record<string, unknown>,
  quantityField: string,
): string | undefined {
  const quantity = data[quantityField];
  if (!isRecordQuantity(quantity))
    return `${quantityField}: ${describe(quantity)} is not a quantity a record may hold (a plain decimal from 0 to ${MAX_RECORD_QUANTITY})`;
  const start = typeof data.startedAt === 'string' ? Date.parse(data.startedAt) : NaN;
  const end = typeof data.endedAt === 'string' ? Date.parse(data.endedAt) : NaN;
  if (!(end > start))
    return `endedAt: ${describe(data.endedAt)} is not an instant after startedAt ${describe(data.startedAt)}`;
  return undefined;
}
