import { badInput } from './errors.js';

/**
 * Refuses a list in which two items share a key (a GPU model, a threshold): BAD_USER_INPUT at
 * the later one's field, saying that each is accepted at most once.
 */
export function checkEachOnce<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  field: (index: number) => string,
  what: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) throw badInput(field(index), `each ${what} at most once`, key);
    seen.add(key);
  });
}
