export type ReportCacheOptions<T> = {
  /** Most answers kept; the oldest is forgotten first. */
  maxEntries?: number;
  /** Most bytes kept (as `sizeOf` counts them); the oldest answers are forgotten first. */
  maxBytes?: number;
  sizeOf?: (key: string, value: T) => number;
};

export type ReportCache<T> = {
  /** The answer at `position`, computed (and kept) on a miss. */
  get(position: bigint, key: string, compute: () => T): T;
  peek(position: bigint, key: string): T | undefined;
  /** Keeps an answer computed at `position`, which the caller knows is still the read models' position. */
  put(position: bigint, key: string, value: T): void;
};

/**
 * Answers of the read models keyed by question and read-model position: at one position the read
 * models cannot change, so an answer stays right until the next event is applied. Bounded, oldest out.
 */
export const createReportCache = <T>({
  maxEntries = 1_000,
  maxBytes = Number.POSITIVE_INFINITY,
  sizeOf = () => 0,
}: ReportCacheOptions<T> = {}): ReportCache<T> => {
  const entries = new Map<string, { value: T; bytes: number }>();
  let at: bigint | undefined;
  let bytes = 0;
  const moveTo = (position: bigint) => {
    if (position === at) return;
    entries.clear();
    bytes = 0;
    at = position;
  };
  const peek = (position: bigint, key: string) =>
    position === at ? entries.get(key)?.value : undefined;
  const put = (position: bigint, key: string, value: T) => {
    moveTo(position);
    const size = sizeOf(key, value);
    if (size > maxBytes || entries.has(key)) return;
    for (const [oldest, entry] of entries) {
      if (entries.size < maxEntries && bytes + size <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.bytes;
    }
    entries.set(key, { value, bytes: size });
    bytes += size;
  };
  return {
    get(position, key, compute) {
      moveTo(position);
      const hit = entries.get(key);
      if (hit !== undefined) return hit.value;
      const value = compute();
      put(position, key, value);
      return value;
    },
    peek,
    put,
  };
};
