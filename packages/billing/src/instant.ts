import type Decimal from 'decimal.js';
import { D } from './decimal.js';

export const MS_PER_HOUR = 3_600_000;

/** ISO UTC, without milliseconds when they are zero: 2026-03-01T00:00:00Z. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function hoursBetween(startMs: number, endMs: number): Decimal {
  return new D(endMs - startMs).div(MS_PER_HOUR);
}

/** Length in ms of [aStart, aEnd) ∩ [bStart, bEnd); zero when they do not meet. */
export function overlapMs(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const start = Math.max(aStart, bStart);
  const end = Math.min(aEnd, bEnd);
  return end > start ? end - start : 0;
}
