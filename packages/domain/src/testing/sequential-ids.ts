/** `prefix-1`, `prefix-2`, … : deterministic ids for tests. */
export const sequentialIds = (prefix = 'gen') => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};
