import Decimal from 'decimal.js';

export type Held = { start: number; end: number; amount: Decimal };

/**
 * The least capacity left at any instant of [from, to), and the first instant it is that low.
 * Load only changes where a held interval starts, so those instants (and `from`) are enough.
 */
export function leastFree(
  capacity: Decimal,
  held: readonly Held[],
  from: number,
  to: number,
): { free: Decimal; at: number } {
  const overlapping = held.filter((h) => h.start < to && h.end > from && h.end > h.start);
  const instants = [from, ...overlapping.map((h) => h.start).filter((s) => s > from)].sort(
    (a, b) => a - b,
  );
  let least = { free: capacity, at: from };
  for (const instant of instants) {
    const load = overlapping
      .filter((h) => h.start <= instant && instant < h.end)
      .reduce((sum, h) => sum.plus(h.amount), new Decimal(0));
    const free = capacity.minus(load);
    if (free.lt(least.free)) least = { free, at: instant };
  }
  return { free: Decimal.max(least.free, 0), at: least.at };
}
