import { IANAZone } from 'luxon';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const CACHED_QUARTERS_PER_ZONE = 100_000;

/**
 * UTC offsets (minutes) of a zone, asked of Intl once per UTC quarter hour and kept: offset
 * changes in use fall on quarter hours, so a month of days costs a few map reads per day instead
 * of Intl formatter calls (the cost of a luxon DateTime).
 */
const zones = new Map<string, (ms: number) => number>();

function offsetsOf(timeZone: string): (ms: number) => number {
  let offsetAt = zones.get(timeZone);
  if (offsetAt === undefined) {
    const zone = IANAZone.create(timeZone);
    const byQuarter = new Map<number, number>();
    offsetAt = (ms) => {
      const quarter = Math.floor(ms / (MS_PER_HOUR / 4));
      let offset = byQuarter.get(quarter);
      if (offset === undefined) {
        if (byQuarter.size >= CACHED_QUARTERS_PER_ZONE) byQuarter.clear();
        offset = zone.offset(quarter * (MS_PER_HOUR / 4));
        byQuarter.set(quarter, offset);
      }
      return offset;
    };
    zones.set(timeZone, offsetAt);
  }
  return offsetAt;
}

const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * The first instant whose local time in the zone is at or after `localMs` (a wall-clock time
 * written as if UTC): the earlier one when the clocks went back over it, the end of the gap
 * when they jumped over it. Offsets change at most once within a day either side.
 */
function firstInstantOf(localMs: number, offsetAt: (ms: number) => number): number {
  const before = offsetAt(localMs - MS_PER_DAY) * MS_PER_MINUTE;
  const after = offsetAt(localMs + MS_PER_DAY) * MS_PER_MINUTE;
  if (before === after) return localMs - before;
  const candidates = [localMs - before, localMs - after].filter(
    (ms) => localMs - offsetAt(ms) * MS_PER_MINUTE === ms,
  );
  return candidates.length > 0 ? Math.min(...candidates) : localMs - Math.min(before, after);
}

/**
 * Start instants of the calendar days or months of `timeZone` that meet [fromMs, toMs): the first
 * is the start of the day/month holding fromMs, the last starts before toMs. Each start is the
 * first instant of its calendar date (a walk of luxon's `plus` would keep a start moved by a DST
 * gap at midnight on the following days), without a DateTime per bucket.
 */
export function calendarStarts(
  fromMs: number,
  toMs: number,
  unit: 'day' | 'month',
  timeZone: string,
): number[] {
  const offsetAt = offsetsOf(timeZone);
  const local = new Date(fromMs + offsetAt(fromMs) * MS_PER_MINUTE);
  const year = local.getUTCFullYear();
  let month = local.getUTCMonth();
  let day = unit === 'day' ? local.getUTCDate() : 1;
  const starts: number[] = [];
  for (;;) {
    const start = firstInstantOf(Date.UTC(year, month, day), offsetAt);
    if (start >= toMs && starts.length > 0) return starts;
    starts.push(start);
    if (unit === 'day') day += 1;
    else month += 1;
  }
}
