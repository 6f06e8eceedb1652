/**
 * Answers of the read models keyed by question and read-model position: at one position the read
 * models cannot change, so an answer stays right until the next event is applied. Bounded, oldest out.
 */
export const createReportCache = <T>(maxEntries = 1_000) => {
  const entries = new Map<string, T>();
  let at: bigint | undefined;
  return {
    get(position: bigint, key: string, compute: () => T): T {
      if (position !== at) {
        entries.clear();
        at = position;
      }
      const hit = entries.get(key);
      if (hit !== undefined) return hit;
      const value = compute();
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
      return value;
    },
  };
};
