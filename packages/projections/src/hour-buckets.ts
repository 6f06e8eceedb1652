export const MS_PER_HOUR = 3_600_000;

/** UTC hours since the epoch: the read models' hour key. */
export const hourOf = (ms: number): number => Math.floor(ms / MS_PER_HOUR);
export const hourStartMs = (hour: number): number => hour * MS_PER_HOUR;
/** The first hour whose start is at or after `ms`. */
export const firstHourFrom = (ms: number): number => Math.ceil(ms / MS_PER_HOUR);

export type HourShare = { hour: number; micro: number };

/**
 * Splits `micro` over the UTC hours of [startMs, endMs) pro rata of time, exactly: each hour gets
 * the floor of its share, the last hour the remainder, so the shares always sum to `micro`.
 */
export function splitOverHours(micro: number, startMs: number, endMs: number): HourShare[] {
  const first = hourOf(startMs);
  const last = hourOf(endMs - 1);
  if (first === last || endMs <= startMs) return [{ hour: first, micro }];
  const total = BigInt(micro);
  const duration = BigInt(endMs - startMs);
  const shares: HourShare[] = [];
  let given = 0;
  for (let hour = first; hour < last; hour++) {
    const overlap = Math.min(endMs, hourStartMs(hour + 1)) - Math.max(startMs, hourStartMs(hour));
    const share = Number((total * BigInt(overlap)) / duration);
    shares.push({ hour, micro: share });
    given += share;
  }
  shares.push({ hour: last, micro: micro - given });
  return shares;
}
